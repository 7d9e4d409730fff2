// Server-renders the host page's Addresses card: what it is for, the list, an admin's editor with
// remove buttons named by address, and a read-only list (no controls) for operators and viewers.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { AppProviders } from "@/lib/client/providers";
import { RoleProvider } from "@/components/auth/role-context";
import { HostAddressesCard } from "@/components/hosts/host-addresses";
import type { UserRole } from "@/lib/auth/schemas";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, replace: () => {}, back: () => {} }) }));

const render = (role: UserRole, props: Parameters<typeof HostAddressesCard>[0]) =>
  renderToString(createElement(AppProviders, { csrfToken: "x", children: createElement(RoleProvider, { role, children: createElement(HostAddressesCard, props) }) }));

describe("host addresses card", () => {
  it("says what the addresses are for and lets an admin add and remove them", () => {
    const html = render("admin", { hostId: "h1", initial: ["198.51.100.10", "2001:db8::10"], online: true, revoked: false });
    expect(html).toContain("The addresses exposure scans and firewall suggestions use; Homeport scans nothing else.");
    expect(html).toContain("198.51.100.10");
    expect(html).toContain('aria-label="Remove 198.51.100.10"');
    expect(html).toContain('aria-label="Remove 2001:db8::10"');
    expect(html).toMatch(/<label[^>]*for="([^"]+)"[^>]*>Add an address<\/label><div[^>]*><input[^>]*id="\1"/);
    expect(html).toContain("Add address");
    expect(html).toContain("Asking the agent for its interfaces");
    expect(html).not.toContain("No addresses yet");
  });

  it("leads with the host being skipped by scans when it has no address, and offers nothing while the agent is offline", () => {
    const html = render("admin", { hostId: "h1", initial: [], online: false, revoked: false });
    expect(html.indexOf("No addresses yet: exposure scans skip this host.")).toBeGreaterThan(-1);
    expect(html.indexOf("No addresses yet")).toBeLessThan(html.indexOf("Add an address"));
    expect(html).toContain("The agent is offline");
    expect(html).not.toContain("Asking the agent");
    expect(html).not.toContain("An admin can add them");
  });

  it("is read-only for operators and viewers, and on a revoked host", () => {
    for (const [role, revoked] of [["operator", false], ["viewer", false], ["admin", true]] as const) {
      const html = render(role, { hostId: "h1", initial: ["198.51.100.10"], online: true, revoked });
      expect(html, role).toContain("198.51.100.10");
      expect(html, role).not.toContain("Remove 198.51.100.10");
      expect(html, role).not.toContain("<input");
      expect(html, role).not.toContain("Add address");
    }
    expect(render("viewer", { hostId: "h1", initial: [], online: true, revoked: false })).toContain("No addresses yet: exposure scans skip this host.<!-- --> An admin can add them here.");
  });
});
