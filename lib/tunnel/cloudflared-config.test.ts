import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLOUDFLARED_ERRORS, findMatchingRule, renderCloudflaredConfig, validateCloudflaredIngress } from "./cloudflared-config";
import type { IngressRule } from "./types";

const CATCH_ALL = { service: "http_status:404" };

const cases: { desc: string; rules: IngressRule[]; errors: (string | RegExp)[] }[] = [
  { desc: "hostnames then a catch-all: valid", rules: [{ hostname: "app.example.com", service: "https://192.168.1.10:443" }, CATCH_ALL], errors: [] },
  { desc: "a wildcard subdomain: valid", rules: [{ hostname: "*.example.com", service: "http://localhost:8080" }, CATCH_ALL], errors: [] },
  { desc: "\"*\" as the last rule counts as catch-all", rules: [{ hostname: "a.example.com", service: "http://x:1" }, { hostname: "*", service: "http_status:404" }], errors: [] },
  { desc: "special services: valid", rules: [{ hostname: "h.example.com", service: "hello_world" }, { hostname: "s.example.com", service: "unix:/run/app.sock" }, { hostname: "t.example.com", service: "ssh://10.0.0.2:22" }, CATCH_ALL], errors: [] },
  { desc: "no rules at all", rules: [], errors: [CLOUDFLARED_ERRORS.noRules] },
  { desc: "last rule has a hostname", rules: [{ hostname: "app.example.com", service: "http://x:1" }], errors: [CLOUDFLARED_ERRORS.lastNotCatchAll] },
  { desc: "last rule has a path", rules: [{ hostname: "a.example.com", service: "http://x:1" }, { path: "^/api", service: "http_status:404" }], errors: [CLOUDFLARED_ERRORS.lastNotCatchAll] },
  { desc: "a catch-all before the end", rules: [CATCH_ALL, { hostname: "a.example.com", service: "http://x:1" }, CATCH_ALL], errors: [/Rule #1 is matching the hostname '', but this will match every hostname/] },
  { desc: "wildcard not at the start", rules: [{ hostname: "app.*.example.com", service: "http://x:1" }, CATCH_ALL], errors: [/at most one wildcard/] },
  { desc: "hostname with a port", rules: [{ hostname: "app.example.com:8443", service: "http://x:1" }, CATCH_ALL], errors: [/cannot contain a port/] },
  { desc: "service without scheme", rules: [{ hostname: "a.example.com", service: "localhost:8080" }, CATCH_ALL], errors: [/invalid address, please make sure it has a scheme and a hostname/] },
  { desc: "service with a path", rules: [{ hostname: "a.example.com", service: "http://localhost:8080/app" }, CATCH_ALL], errors: [/don't support proxying to a different path/] },
  { desc: "service with a trailing slash (cloudflared refuses it too)", rules: [{ hostname: "a.example.com", service: "http://localhost:8080/" }, CATCH_ALL], errors: [/don't support proxying to a different path/] },
  { desc: "bad http_status", rules: [{ service: "http_status:abc" }], errors: [/invalid HTTP status/] },
  { desc: "bad path regex", rules: [{ hostname: "a.example.com", path: "*", service: "http://x:1" }, CATCH_ALL], errors: [/Rule #1 has an invalid regex/] },
];

describe("validateCloudflaredIngress", () => {
  for (const c of cases) {
    it(c.desc, () => {
      const errors = validateCloudflaredIngress(c.rules);
      expect(errors).toHaveLength(c.errors.length);
      c.errors.forEach((e, i) => (typeof e === "string" ? expect(errors[i]).toBe(e) : expect(errors[i]).toMatch(e)));
    });
  }
});

describe("findMatchingRule (cloudflared's first-match order)", () => {
  const rules: IngressRule[] = [
    { hostname: "app.example.com", service: "http://a:1" },
    { hostname: "*.example.com", path: "^/api", service: "http://api:1" },
    { hostname: "*.example.com", service: "http://w:1" },
    CATCH_ALL,
  ];
  const cases = [
    { host: "app.example.com", path: "/", rule: 0 },
    { host: "app.example.com:443", path: "/", rule: 0 },
    { host: "x.example.com", path: "/api/v1", rule: 1 },
    { host: "x.example.com", path: "/", rule: 2 },
    { host: "deep.x.example.com", path: "/", rule: 2 },
    { host: "other.org", path: "/", rule: 3 },
  ];
  for (const c of cases) it(`${c.host}${c.path} → rule ${c.rule}`, () => expect(findMatchingRule(rules, c.host, c.path)).toBe(c.rule));
});

describe("renderCloudflaredConfig", () => {
  it("writes tunnel, credentials-file and the ingress list as cloudflared reads them", () => {
    const text = renderCloudflaredConfig({
      tunnelId: "6ff42ae2-765d-4adf-8112-31c55c1551ef",
      credentialsFile: "/etc/cloudflared/credentials.json",
      rules: [{ hostname: "app.example.com", service: "https://192.168.1.10:443", originRequest: { originServerName: "app.example.com" } }, CATCH_ALL],
    });
    expect(text.startsWith("# Written by Homeport")).toBe(true);
    expect(parse(text)).toEqual({
      tunnel: "6ff42ae2-765d-4adf-8112-31c55c1551ef",
      "credentials-file": "/etc/cloudflared/credentials.json",
      ingress: [{ hostname: "app.example.com", service: "https://192.168.1.10:443", originRequest: { originServerName: "app.example.com" } }, CATCH_ALL],
    });
  });

  it("refuses to render a file cloudflared would refuse", () => {
    expect(() => renderCloudflaredConfig({ tunnelId: "t", credentialsFile: "/c.json", rules: [{ hostname: "a.example.com", service: "http://x:1" }] })).toThrow(/last ingress rule must match all URLs/);
  });
});
