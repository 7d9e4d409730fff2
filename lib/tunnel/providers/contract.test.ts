// One contract test over every registered tunnel provider: what the core relies on, whatever
// the kind.
import { describe, expect, it } from "vitest";
import { TUNNEL_PROVIDERS } from ".";
import type { TunnelTarget } from "../types";

const target = (mode: TunnelTarget["mode"]): TunnelTarget => ({
  mode,
  externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef",
  accountId: "023e105f4ecef8ad9ca31a8372d0c353",
  credentials: "secret-value",
  apiBaseUrl: "http://127.0.0.1:9",
});

for (const [kind, provider] of Object.entries(TUNNEL_PROVIDERS)) {
  describe(`tunnel provider contract: ${kind}`, () => {
    it("is registered under its own kind and offers at least one mode", () => {
      expect(provider.kind).toBe(kind);
      expect(provider.modes.length).toBeGreaterThan(0);
    });

    it("its catch-all alone is a valid rule list, and a hostname rule after it is not", () => {
      expect(provider.validateIngress([provider.catchAll])).toEqual([]);
      expect(provider.validateIngress([provider.catchAll, { hostname: "a.example.com", service: "http://x:1" }])).not.toEqual([]);
    });

    it("the public record names the hostname", () => {
      const r = provider.publicRecord(target("remote"), "app.example.com");
      expect(r.name).toBe("app.example.com");
      expect(r.content.length).toBeGreaterThan(0);
    });

    if (provider.modes.includes("local")) {
      it("renders a local config without the credentials in it", () => {
        const file = provider.renderLocalConfig(target("local"), [{ hostname: "app.example.com", service: "https://192.168.1.10:443" }, provider.catchAll]);
        expect(file.path.startsWith("/")).toBe(true);
        expect(file.content).toContain("app.example.com");
        expect(file.content).not.toContain("secret-value");
      });
    }
  });
}
