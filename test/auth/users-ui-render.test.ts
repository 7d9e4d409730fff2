// The Users section and the tokens form render (server-side, as on first paint) with what each
// role may do: admins see every user with their role, two-factor state and actions (never on
// themselves); the tokens form offers a viewer only Read and an operator no Admin.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import { UsersSection } from "@/components/settings/users-section";
import { TokensSection } from "@/components/settings/tokens-section";
import type { UserRole, UserView } from "@/lib/auth/schemas";

/** Server-rendered HTML without React's text separators (`Role of <!-- -->admin`). */
const render = (el: ReturnType<typeof createElement>, role: UserRole) =>
  renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role, children: el }) })).replaceAll("<!-- -->", "");

const at = "2026-12-01T10:00:00.000Z";
const users: UserView[] = [
  { id: "u-admin", username: "admin", role: "admin", totpEnabled: true, activeSessions: 1, lastActiveAt: at, createdAt: at },
  { id: "u-ops", username: "olivia", role: "operator", totpEnabled: true, activeSessions: 2, lastActiveAt: at, createdAt: at },
  { id: "u-view", username: "victor", role: "viewer", totpEnabled: false, activeSessions: 0, lastActiveAt: null, createdAt: at },
];

/** The <tr> of a user, by name. */
function rowOf(html: string, username: string): string {
  const rows = html.split("<tr").slice(1);
  const row = rows.find((r) => r.includes(`>${username}<`));
  expect(row, `a row for ${username}`).toBeDefined();
  return row!;
}

describe("Users section", () => {
  const html = render(createElement(UsersSection, { initial: users, currentUserId: "u-admin" }), "admin");

  it("lists every user with a role select labelled for screen readers, and offers Add user", () => {
    for (const u of users) expect(html).toContain(`Role of ${u.username}`);
    expect(html).toMatch(/<button[^>]*>.*Add user<\/button>/);
    expect(rowOf(html, "olivia")).toMatch(/<option value="operator" selected/);
  });

  it("locks the admin's own role and offers no reset or delete on themselves", () => {
    const self = rowOf(html, "admin");
    expect(self).toMatch(/<select[^>]*disabled/);
    expect(self).toContain(">you<");
    expect(self).not.toContain("Delete");
    expect(self).not.toContain("Reset password");
  });

  it("offers Reset 2FA only for a user who has two-factor on, and Delete and Reset password for each other user", () => {
    const ops = rowOf(html, "olivia"), viewer = rowOf(html, "victor");
    expect(ops).toContain("Reset 2FA");
    expect(viewer).not.toContain("Reset 2FA");
    for (const r of [ops, viewer]) {
      expect(r).toContain("Reset password");
      expect(r).toMatch(/aria-label="Delete (olivia|victor)"/);
    }
    expect(viewer).toContain("not signed in");
  });
});

describe("tokens form", () => {
  const scopesOffered = (role: UserRole) => [...render(createElement(TokensSection, { initial: [], role }), role).matchAll(/<input[^>]*type="radio"[^>]*value="(\w+)"/g)].map((m) => m[1]);

  it("offers each role only the scopes its tokens may have", () => {
    expect(scopesOffered("viewer")).toEqual(["read"]);
    expect(scopesOffered("operator")).toEqual(["read", "write"]);
    expect(scopesOffered("admin")).toEqual(["read", "write", "admin"]);
  });
});
