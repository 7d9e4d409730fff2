// The route schemas (moved here with the routes from lib/inventory): a route has exactly one
// target, a normalised hostname, and an upstream URL the shared address guard accepts.
import { describe, expect, it } from "vitest";
import { RouteCreateSchema, RouteUpdateSchema, UpstreamUrlSchema } from "./schemas";

const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ");

describe("RouteCreateSchema: exactly one target", () => {
  const cases: { desc: string; input: Record<string, unknown>; ok: boolean }[] = [
    { desc: "service and port", input: { serviceId: "svc1", servicePort: 8096 }, ok: true },
    { desc: "upstream URL", input: { upstreamUrl: "http://192.0.2.10:8080" }, ok: true },
    { desc: "both", input: { serviceId: "svc1", servicePort: 8096, upstreamUrl: "http://192.0.2.10" }, ok: false },
    { desc: "neither", input: {}, ok: false },
    { desc: "explicit nulls", input: { serviceId: null, servicePort: null, upstreamUrl: null }, ok: false },
    { desc: "service without port", input: { serviceId: "svc1" }, ok: false },
    { desc: "port without service", input: { servicePort: 80 }, ok: false },
    { desc: "stray port beside an upstream", input: { servicePort: 80, upstreamUrl: "http://192.0.2.10" }, ok: false },
    { desc: "unknown field", input: { upstreamUrl: "http://192.0.2.10", tls: true }, ok: false },
    { desc: "bad exposure", input: { upstreamUrl: "http://192.0.2.10", exposure: "world" }, ok: false },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = RouteCreateSchema.safeParse({ hostname: "app.home.arpa", ...c.input });
      expect(r.success, messages(r)).toBe(c.ok);
      if (!c.ok && !("tls" in c.input) && !("exposure" in c.input)) expect(messages(r)).toMatch(/serviceId: choose either/);
    });
  }

  it("normalises the hostname and defaults exposure to lan", () => {
    expect(RouteCreateSchema.parse({ hostname: "Bücher.Example.", upstreamUrl: "http://192.0.2.10" })).toEqual({
      hostname: "xn--bcher-kva.example", serviceId: null, servicePort: null, upstreamUrl: "http://192.0.2.10", exposure: "lan",
    });
  });

  it("RouteUpdateSchema needs at least one known field", () => {
    expect(RouteUpdateSchema.safeParse({}).success).toBe(false);
    expect(RouteUpdateSchema.safeParse({ hostname: "x" }).success).toBe(false);
    expect(RouteUpdateSchema.safeParse({ exposure: "both" }).success).toBe(true);
    expect(RouteUpdateSchema.safeParse({ exposure: "both", extra: 1 }).success).toBe(false);
  });
});

describe("UpstreamUrlSchema", () => {
  const cases: { desc: string; input: string; ok: boolean }[] = [
    { desc: "http with port", input: "http://192.0.2.10:8080", ok: true },
    { desc: "https name", input: "https://nas.home.arpa/", ok: true },
    { desc: "not a URL", input: "nas:8080", ok: false },
    { desc: "address and port without scheme (does not throw)", input: "192.0.2.10:8080", ok: false },
    { desc: "empty", input: "", ok: false },
    { desc: "ftp", input: "ftp://nas.home.arpa", ok: false },
    { desc: "javascript", input: "javascript:alert(1)", ok: false },
    { desc: "credentials", input: "http://user:pw@nas.home.arpa", ok: false },
    { desc: "metadata address", input: "http://169.254.169.254/latest", ok: false },
    { desc: "IPv4-mapped metadata", input: "http://[::ffff:a9fe:a9fe]/", ok: false },
    { desc: "IPv4-mapped metadata, dotted", input: "http://[::ffff:169.254.169.254]/", ok: false },
    { desc: "IPv4-compatible metadata", input: "http://[::a9fe:a9fe]/", ok: false },
    { desc: "NAT64 metadata", input: "http://[64:ff9b::a9fe:a9fe]/", ok: false },
    { desc: "6to4 metadata", input: "http://[2002:a9fe:a9fe::1]/", ok: false },
    { desc: "IPv6 link-local", input: "http://[fe80::1]/", ok: false },
    { desc: "AWS IPv6 metadata", input: "http://[fd00:ec2::254]/", ok: false },
    { desc: "metadata as one number", input: "http://2852039166/", ok: false },
    { desc: "unspecified", input: "http://0.0.0.0:8080", ok: false },
    { desc: "Caddy's admin API", input: "http://127.0.0.1:2019", ok: false },
    { desc: "Docker's API", input: "http://192.0.2.10:2375", ok: false },
    { desc: "loopback service", input: "http://127.0.0.1:8080", ok: true },
  ];
  for (const c of cases) it(c.desc, () => expect(UpstreamUrlSchema.safeParse(c.input).success).toBe(c.ok));
});
