// The tunnel catalog end to end, over every kind and mode it offers: a tunnel made from the kind's
// example keeps its credentials sealed (not in the row in clear, not in the view), and the tunnel
// form, rendered from the descriptor, writes what the API accepts — a new tunnel from typed values,
// and an edit that changes nothing needs no credentials and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ORIGIN } from "@/lib/audit";
import { createTunnel, TUNNEL_CATALOG, TUNNEL_KINDS, TunnelCreateSchema, TunnelUpdateSchema, updateTunnel } from "@/lib/tunnel";
import { tunnelBody, tunnelValues, type TunnelValues } from "@/components/ingress/tunnel-form";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb();
}, 60_000);
afterAll(async () => {
  await tdb?.cleanup();
});

const actor = { type: "system" as const, name: "contract test" };

for (const kind of TUNNEL_KINDS) {
  const d = TUNNEL_CATALOG[kind];
  for (const mode of d.modes) {
    const example = d.examples[mode]!;
    const name = `contract-${kind}-${mode}`;
    describe(`${kind}, ${mode} mode`, () => {
      it("a new tunnel typed into the form is one the API accepts", () => {
        const typed: TunnelValues = { kind, name, mode, accountId: example.accountId ?? "", externalId: example.externalId, credentials: example.credentials ?? "", originUrl: example.originUrl, apiBaseUrl: example.apiBaseUrl ?? "" };
        const r = TunnelCreateSchema.safeParse(tunnelBody(typed));
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      });

      it("keeps its credentials sealed, and an unchanged edit needs none and changes nothing", async () => {
        const view = await createTunnel(tdb.db, TunnelCreateSchema.parse({ name, kind, ...example }), actor, SYSTEM_ORIGIN);
        const secret = example.credentials ?? "";
        const row = await tdb.db.tunnel.findUniqueOrThrow({ where: { id: view.id } });
        expect(row.credentialsSealed).not.toContain(secret);
        expect(JSON.stringify(view)).not.toContain(secret);
        expect(view.hasCredentials).toBe(secret !== "");

        const body = tunnelBody(tunnelValues(view), view);
        expect(body).not.toHaveProperty("credentials");
        const after = await updateTunnel(tdb.db, view.id, TunnelUpdateSchema.parse(body), actor, SYSTEM_ORIGIN);
        expect({ ...after, updatedAt: undefined }).toEqual({ ...view, updatedAt: undefined });
        const rowAfter = await tdb.db.tunnel.findUniqueOrThrow({ where: { id: view.id } });
        expect(rowAfter.credentialsSealed).toBe(row.credentialsSealed);
      });
    });
  }
}
