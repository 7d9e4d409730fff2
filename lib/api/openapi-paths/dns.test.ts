import { describe, expect, it } from "vitest";
import { dnsOpenApiPaths } from "./dns";

describe("dnsOpenApiPaths", () => {
  it("documents every DNS endpoint, and no schema exposes a provider secret", () => {
    const paths = dnsOpenApiPaths();
    expect(Object.keys(paths).sort()).toEqual(["/dns/apply", "/dns/drift", "/dns/plan", "/dns/providers", "/dns/providers/{id}", "/dns/providers/{id}/test", "/dns/zones", "/dns/zones/{id}"]);
    const providerView = JSON.stringify((paths["/dns/providers/{id}"] as { get: unknown }).get);
    expect(providerView).toContain("secretsSet");
    expect(providerView).not.toMatch(/"(password|token|apiToken|secret)"/);
  });
});
