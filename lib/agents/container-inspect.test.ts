import { describe, expect, it } from "vitest";
import { isSecretEnv, maskEnv } from "./container-inspect";

describe("maskEnv", () => {
  it("shows an admin plain values and masks secret-looking names and URLs carrying a password", () => {
    const out = maskEnv(["TZ=Europe/Paris", "POSTGRES_PASSWORD=hunter2", "api_key=abc", "JWT_SECRET=s", "GITHUB_TOKEN=t", "DATABASE_URL=postgres://u:p@db/x", "LINK=https://user:pw@example.org/", "EMPTY=", "BARE"], true);
    expect(out.filter((e) => !e.masked).map((e) => [e.name, e.value])).toEqual([["TZ", "Europe/Paris"], ["EMPTY", ""], ["BARE", ""]]);
    expect(out.filter((e) => e.masked).every((e) => e.value === null)).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|abc|pw@|u:p/);
  });

  it("hides every value from non-admins but keeps the names", () => {
    expect(maskEnv(["TZ=UTC", "A=b=c"], false)).toEqual([{ name: "TZ", value: null, masked: true }, { name: "A", value: null, masked: true }]);
  });

  it("keeps the part after the first = whole", () => {
    expect(maskEnv(["OPTS=a=b=c"], true)).toEqual([{ name: "OPTS", value: "a=b=c", masked: false }]);
  });

  it("does not call an ordinary URL a secret", () => {
    expect(isSecretEnv("HOMEPAGE", "https://example.org/a:b")).toBe(false);
  });
});
