// One contract test over every registered tunnel provider and its catalog entry: what the core
// relies on, whatever the kind — the descriptor the forms use is the provider's, its examples pass
// the API's schema, the fields it requires are the fields the server requires, and local mode is
// implemented exactly where the descriptor offers it.
import { describe, expect, it } from "vitest";
import { TUNNEL_PROVIDERS } from ".";
import { TUNNEL_CATALOG, TUNNEL_KINDS } from "../catalog";
import { fieldInMode, type TunnelFormField } from "../descriptor";
import { TunnelCreateSchema, tunnelFieldIssues } from "../schemas";
import { TUNNEL_MODES, type TunnelTarget } from "../types";

const target = (mode: TunnelTarget["mode"]): TunnelTarget => ({
  mode,
  externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef",
  accountId: "023e105f4ecef8ad9ca31a8372d0c353",
  credentials: "secret-value",
  apiBaseUrl: "http://127.0.0.1:9",
});

const FORM_FIELDS: TunnelFormField[] = ["externalId", "accountId", "apiBaseUrl", "originUrl", "credentials"];
/** The value of a field left empty in the form, as the API receives it. */
const blank = (key: TunnelFormField) => (key === "accountId" || key === "apiBaseUrl" ? null : "");

it("the catalog and the providers list the same kinds", () => {
  expect(Object.keys(TUNNEL_CATALOG)).toEqual(TUNNEL_KINDS);
  expect(Object.keys(TUNNEL_PROVIDERS).sort()).toEqual([...TUNNEL_KINDS].sort());
});

for (const [kind, provider] of Object.entries(TUNNEL_PROVIDERS)) {
  describe(`tunnel provider contract: ${kind}`, () => {
    const d = TUNNEL_CATALOG[provider.kind];

    it("is registered under its own kind and offers at least one mode", () => {
      expect(provider.kind).toBe(kind);
      expect(provider.modes.length).toBeGreaterThan(0);
    });

    it("carries its catalog entry: label, modes, field rules", () => {
      expect(d.kind).toBe(kind);
      expect(provider.label).toBe(d.label);
      expect(provider.modes).toEqual(d.modes);
      expect(provider.check).toBe(d.check);
      expect(d.description.trim().length).toBeGreaterThan(20);
      for (const m of d.modes) expect(d.modeLabels[m], m).toBeTruthy();
      for (const f of d.fields) expect(f.label.trim(), f.key).not.toBe("");
    });

    it("implements local mode exactly when its descriptor offers it", () => {
      expect(Boolean(provider.local)).toBe(d.modes.includes("local"));
    });

    it("refuses the modes it does not offer", () => {
      for (const m of TUNNEL_MODES.filter((x) => !d.modes.includes(x))) {
        const example = Object.values(d.examples)[0]!;
        expect(tunnelFieldIssues(provider.kind, { ...example, mode: m }).map((i) => i.path)).toContain("mode");
      }
    });

    for (const mode of d.modes) {
      describe(`${mode} mode`, () => {
        const example = d.examples[mode];

        it("has an example the API accepts", () => {
          expect(example).toBeDefined();
          const r = TunnelCreateSchema.safeParse({ name: "contract", kind, ...example });
          expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        });

        it("requires in the form exactly what the server requires, and leaves out only what the server does not need", () => {
          const shown = new Map(d.fields.map((f) => [f.key, fieldInMode(f, mode)]));
          for (const key of FORM_FIELDS) {
            const r = TunnelCreateSchema.safeParse({ name: "contract", kind, ...example, [key]: blank(key) });
            const required = shown.get(key)?.required ?? false;
            expect(r.success, `${key} left empty`).toBe(!required);
            if (!r.success) expect(r.error.issues.map((i) => i.path[0]), key).toContain(key);
          }
        });
      });
    }

    it("its catch-all alone is a valid rule list, and a hostname rule after it is not", () => {
      expect(provider.validateIngress([provider.catchAll])).toEqual([]);
      expect(provider.validateIngress([provider.catchAll, { hostname: "a.example.com", service: "http://x:1" }])).not.toEqual([]);
    });

    it("the public record names the hostname", () => {
      const r = provider.publicRecord(target("remote"), "app.example.com");
      expect(r.name).toBe("app.example.com");
      expect(r.content.length).toBeGreaterThan(0);
    });

    if (provider.local) {
      const local = provider.local;
      it("renders a local config without the credentials in it, and deploys it", () => {
        const file = local.renderConfig(target("local"), [{ hostname: "app.example.com", service: "https://192.168.1.10:443" }, provider.catchAll]);
        expect(file.path.startsWith("/")).toBe(true);
        expect(file.content).toContain("app.example.com");
        expect(file.content).not.toContain("secret-value");
        expect(typeof local.deploy).toBe("function");
      });
    }
  });
}
