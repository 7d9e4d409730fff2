// Contract of the notification channel catalog, over every entry: each descriptor describes every
// config setting its server schema has (labels, required and defaults as the schema says), its
// secret is never part of the config (not stored with it, not in a view), the server registers a
// sender of the same descriptor, and the channel form, rendered from it, saves a stored channel
// back unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { SYSTEM_ORIGIN } from "@/lib/audit";
import { CHANNEL_CATALOG, CHANNEL_KINDS, CHANNEL_PROVIDERS } from "@/lib/probes/notify";
import { createChannel } from "@/lib/probes/channels";
import { ChannelCreateSchema, movedChannelKeys } from "@/lib/probes/schemas";
import { channelBody, channelValues, movedChannelWords } from "@/components/reachability/channel-form";
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

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  expect(schema).toBeInstanceOf(z.ZodObject);
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

/** A different value of the same kind, to move an endpoint setting. */
const another = (v: unknown): unknown => (typeof v === "number" ? v + 1 : typeof v === "boolean" ? !v : "http://203.0.113.9/x");

describe("the notification channel catalog", () => {
  it("has one entry per kind, each registered under its own kind", () => {
    expect(Object.keys(CHANNEL_CATALOG)).toEqual(CHANNEL_KINDS);
    for (const kind of CHANNEL_KINDS) expect(CHANNEL_CATALOG[kind].kind).toBe(kind);
  });

  for (const kind of CHANNEL_KINDS) {
    describe(kind, () => {
      const d = CHANNEL_CATALOG[kind];
      const shape = shapeOf(d.configSchema);

      it("is named and described, as are its fields and its secret", () => {
        expect(d.label.trim()).not.toBe("");
        expect(d.description.trim().length).toBeGreaterThan(20);
        expect(d.secret.label.trim()).not.toBe("");
        for (const f of d.fields) expect(f.label.trim(), f.key).not.toBe("");
      });

      it("describes exactly the settings its server schema has, required and defaulted as the schema says", () => {
        expect(d.fields.map((f) => f.key).sort()).toEqual(Object.keys(shape).sort());
        for (const f of d.fields) {
          const unset = shape[f.key]!.safeParse(undefined);
          expect(f.required, `${f.key} required`).toBe(!unset.success);
          const schemaDefault = unset.success ? unset.data : undefined;
          const fieldDefault = f.type === "number" && f.default !== undefined ? Number(f.default) : f.default;
          expect(fieldDefault, `${f.key} default`).toEqual(schemaDefault);
        }
      });

      it("keeps no credential among its config settings (the channel's one secret is sealed apart)", () => {
        for (const f of d.fields) expect(CREDENTIAL.test(f.key) || CREDENTIAL.test(f.label), f.key).toBe(false);
      });

      it("names the settings that move its secret, and a change of each is seen as a move", () => {
        expect(d.endpointKeys.length).toBeGreaterThan(0);
        for (const k of d.endpointKeys) {
          expect(Object.keys(shape), k).toContain(k);
          expect(movedChannelKeys(kind, d.example.config, { ...d.example.config, [k]: another(d.example.config[k]) }), k).toEqual([k]);
        }
      });

      it("its example passes the API's schema, and a secret given with the config is not kept in it", () => {
        const r = ChannelCreateSchema.safeParse({ name: "x", kind, config: d.example.config, secret: d.example.secret });
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        const config = d.configSchema.parse({ ...d.example.config, secret: d.example.secret, password: d.example.secret, token: d.example.secret });
        expect(JSON.stringify(config)).not.toContain(d.example.secret);
        expect(d.summary(d.example.config).length).toBeGreaterThan(0);
      });

      it("the server sends with the same descriptor", () => {
        const sender = CHANNEL_PROVIDERS[kind];
        expect(sender.kind).toBe(kind);
        expect(sender.configSchema).toBe(d.configSchema);
        expect(sender.endpointKeys).toEqual(d.endpointKeys);
        expect(typeof sender.send).toBe("function");
      });

      it("a stored channel keeps its secret sealed and out of the view, and the form saves it back unchanged", async () => {
        const view = await createChannel(tdb.db, { name: `contract-${kind}`, kind, enabled: true, config: d.example.config, secret: d.example.secret }, actor, SYSTEM_ORIGIN);
        const row = await tdb.db.notificationChannel.findUniqueOrThrow({ where: { id: view.id } });
        expect(row.config).not.toContain(d.example.secret);
        expect(row.secret ?? "").not.toContain(d.example.secret);
        expect(JSON.stringify(view)).not.toContain(d.example.secret);
        expect(view.hasSecret).toBe(true);
        expect(view.config).toEqual(JSON.parse(JSON.stringify(d.configSchema.parse(d.example.config))));
        const values = channelValues(view);
        expect(channelBody(values, view)).toEqual({ name: view.name, config: view.config });
        expect(movedChannelWords(view, values)).toEqual([]);
      });
    });
  }
});
