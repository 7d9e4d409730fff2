// Contract of the DNS provider catalog, over every entry: each descriptor describes every setting
// its server schema has (labels, required as the schema says, choices as its enum), its secret
// fields are really kept secret by the server (sealed at rest, never in a view), its endpoint
// settings move the secret, and the server registers an implementation of the same descriptor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createProvider, DNS_PROVIDER_CATALOG, DNS_PROVIDERS, movedEndpointKeys, PROVIDER_KINDS, providerFromRow, providerSettings } from "@/lib/dns";
import { SYSTEM_ORIGIN } from "@/lib/audit";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb();
}, 60_000);
afterAll(async () => {
  await tdb?.cleanup();
});

const actor = { type: "system" as const, name: "contract test" };
/** Names and labels that say a setting is a credential. */
const CREDENTIAL = /password|secret|token|api.?key/i;

/** The descriptor's settings schema as an object schema (every settings schema is one). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  expect(schema).toBeInstanceOf(z.ZodObject);
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

describe("the DNS provider catalog", () => {
  it("has one entry per kind, each registered under its own kind", () => {
    expect(Object.keys(DNS_PROVIDER_CATALOG)).toEqual(PROVIDER_KINDS);
    for (const kind of PROVIDER_KINDS) expect(DNS_PROVIDER_CATALOG[kind].kind).toBe(kind);
  });

  for (const kind of PROVIDER_KINDS) {
    describe(kind, () => {
      const d = DNS_PROVIDER_CATALOG[kind];
      const shape = shapeOf(d.settingsSchema);

      it("is named and described, and every field has a label", () => {
        expect(d.label.trim()).not.toBe("");
        expect(d.description.trim().length).toBeGreaterThan(20);
        for (const f of d.fields) expect(f.label.trim(), f.key).not.toBe("");
      });

      it("describes exactly the settings its server schema has, required where the schema requires them", () => {
        expect(d.fields.map((f) => f.key).sort()).toEqual(Object.keys(shape).sort());
        for (const f of d.fields) {
          const optional = shape[f.key]!.safeParse(undefined).success;
          expect(f.required, `${f.key} required`).toBe(!optional);
        }
      });

      it("offers a select's choices exactly as the schema accepts them", () => {
        for (const f of d.fields.filter((x) => x.type === "select")) {
          expect(f.options?.length, f.key).toBeGreaterThan(0);
          for (const o of f.options ?? []) expect(shape[f.key]!.safeParse(o).success, `${f.key}=${o}`).toBe(true);
          expect(shape[f.key]!.safeParse("not-a-choice").success, f.key).toBe(false);
        }
      });

      it("a setting named or labelled as a credential is a secret field", () => {
        for (const f of d.fields.filter((x) => CREDENTIAL.test(x.key) || CREDENTIAL.test(x.label))) expect(f.type, f.key).toBe("secret");
      });

      it("its secret keys are its secret fields, and each secret's destination is named", () => {
        expect([...d.secretKeys].sort()).toEqual(d.fields.filter((f) => f.type === "secret").map((f) => f.key).sort());
        for (const k of d.endpointKeys) expect(Object.keys(shape), k).toContain(k);
        if (d.secretKeys.length > 0) expect(d.endpointKeys.length).toBeGreaterThan(0);
        for (const k of d.endpointKeys) {
          const moved = { ...d.example, [k]: typeof d.example[k] === "number" ? Number(d.example[k]) + 1 : "http://203.0.113.9" };
          expect(movedEndpointKeys(kind, d.example, moved), k).toEqual([k]);
        }
      });

      it("its example passes the server schema", () => {
        const r = d.settingsSchema.safeParse(d.example);
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      });

      it("the server implements it: same descriptor, every call of the contract", () => {
        const impl = DNS_PROVIDERS[kind];
        expect(impl.kind).toBe(kind);
        expect(impl.label).toBe(d.label);
        expect(impl.settingsSchema).toBe(d.settingsSchema);
        expect(impl.secretKeys).toEqual(d.secretKeys);
        expect(impl.capabilities).toEqual(d.capabilities);
        for (const call of ["listRecords", "applyChanges", "testConnection"] as const) expect(typeof impl[call], call).toBe("function");
      });

      it("a stored provider keeps its secrets sealed: not in the settings column, not in the view, opened only server-side", async () => {
        const view = await createProvider(tdb.db, { name: `contract-${kind}`, kind, settings: d.example }, actor, SYSTEM_ORIGIN);
        const row = await tdb.db.dnsProvider.findUniqueOrThrow({ where: { id: view.id } });
        for (const k of d.secretKeys) {
          const value = String(d.example[k]);
          expect(row.settings, k).not.toContain(value);
          expect(row.secret ?? "", k).not.toContain(value);
          expect(view.settings, k).not.toHaveProperty(k);
          expect(JSON.stringify(view), k).not.toContain(value);
        }
        expect([...view.secretsSet].sort()).toEqual([...d.secretKeys].sort());
        expect(view.label).toBe(d.label);
        expect(providerSettings(providerFromRow(row))).toEqual(d.settingsSchema.parse(d.example));
      });
    });
  }
});
