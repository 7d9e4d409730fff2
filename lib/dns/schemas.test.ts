// Which provider settings move a stored secret's destination (server, port, URL) and which do not.
import { describe, expect, it } from "vitest";
import { movedEndpointKeys } from "./schemas";
import { DNS_PROVIDERS } from "./providers";
import { DNS_PROVIDER_CATALOG, PROVIDER_KINDS } from "./catalog";

describe("movedEndpointKeys", () => {
  const bind = { server: "192.168.1.2", port: 53, keyName: "homeport", algorithm: "hmac-sha256" };
  const cases: { desc: string; kind: (typeof PROVIDER_KINDS)[number]; before: Record<string, unknown>; after: Record<string, unknown>; moved: string[] }[] = [
    { desc: "rfc2136: key name only", kind: "rfc2136", before: bind, after: { ...bind, keyName: "other" }, moved: [] },
    { desc: "rfc2136: another server", kind: "rfc2136", before: bind, after: { ...bind, server: "192.168.1.3" }, moved: ["server"] },
    { desc: "rfc2136: another port", kind: "rfc2136", before: bind, after: { ...bind, port: "5353" }, moved: ["port"] },
    { desc: "rfc2136: the same port as a string", kind: "rfc2136", before: bind, after: { ...bind, port: "53" }, moved: [] },
    { desc: "technitium: trailing slash", kind: "technitium", before: { url: "http://192.168.1.4:5380" }, after: { url: "http://192.168.1.4:5380/" }, moved: [] },
    { desc: "technitium: another address", kind: "technitium", before: { url: "http://192.168.1.4:5380" }, after: { url: "http://203.0.113.4:5380" }, moved: ["url"] },
    { desc: "cloudflare: API address set where the default was", kind: "cloudflare", before: {}, after: { baseUrl: "http://203.0.113.5" }, moved: ["baseUrl"] },
    { desc: "dnsmasq: no secret, nothing counts", kind: "dnsmasq", before: { hostsFile: "/a" }, after: { hostsFile: "/b" }, moved: [] },
  ];
  for (const c of cases) it(c.desc, () => expect(movedEndpointKeys(c.kind, c.before, c.after)).toEqual(c.moved));

  it("every kind with a secret names its endpoint settings, and they exist in its schema", () => {
    for (const kind of PROVIDER_KINDS) {
      const def = DNS_PROVIDERS[kind];
      if (def.secretKeys.length > 0) expect(DNS_PROVIDER_CATALOG[kind].endpointKeys.length, kind).toBeGreaterThan(0);
      const shape = (def.settingsSchema as unknown as { shape: Record<string, unknown> }).shape;
      for (const k of DNS_PROVIDER_CATALOG[kind].endpointKeys) expect(Object.keys(shape), kind).toContain(k);
    }
  });
});
