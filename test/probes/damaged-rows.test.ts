// Rows that do not fit their schema (a hand-edited or damaged database) are reported by table,
// row and column where they are read, and each is contained: a delivery fails with that reason
// instead of stopping the queue, a check with an unreadable vantage list is skipped by the
// scheduler while the others run, a zone whose target is not JSON is an error, never a wrong value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processDeliveries } from "@/lib/probes/deliveries";
import { loadChecksForVantage } from "@/lib/probes/control-plane";
import { listZones } from "@/lib/dns";
import { RowParseError } from "@/lib/db/rows";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb();
}, 60_000);
afterAll(async () => {
  await tdb?.cleanup();
});

const message = { event: "test", title: "t", text: "x", at: new Date().toISOString(), check: null, incident: null };

describe("damaged rows", () => {
  it("a channel whose stored config is not JSON fails its delivery with the column named", async () => {
    const channel = await tdb.db.notificationChannel.create({ data: { name: "damaged", kind: "webhook", config: "{not json" } });
    const d = await tdb.db.delivery.create({ data: { channelId: channel.id, event: "test", payload: JSON.stringify(message) } });
    expect(await processDeliveries(tdb.db)).toBe(1);
    const after = await tdb.db.delivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(after.attempts).toBe(1);
    expect(after.lastError).toContain(`NotificationChannel ${channel.id}: column "config"`);
  });

  it("a channel of a kind Homeport does not know fails its delivery naming the kind column", async () => {
    const channel = await tdb.db.notificationChannel.create({ data: { name: "unknown-kind", kind: "pager", config: "{}" } });
    const d = await tdb.db.delivery.create({ data: { channelId: channel.id, event: "test", payload: JSON.stringify(message) } });
    await processDeliveries(tdb.db);
    expect((await tdb.db.delivery.findUniqueOrThrow({ where: { id: d.id } })).lastError).toContain('column "kind"');
  });

  it("a check with an unreadable vantage list is skipped; the others are scheduled", async () => {
    const target = JSON.stringify({ host: "192.168.1.10", port: 22 });
    const good = await tdb.db.check.create({ data: { name: "good", type: "tcp", target, vantages: "[]" } });
    await tdb.db.check.create({ data: { name: "damaged", type: "tcp", target, vantages: "kind:lan" } });
    const scheduled = await loadChecksForVantage(tdb.db, { id: "control-plane", kind: "lan" });
    expect(scheduled.map((c) => c.id)).toEqual([good.id]);
  });

  it("a zone whose target is not JSON is an error naming the zone's column", async () => {
    const provider = await tdb.db.dnsProvider.create({ data: { name: "p", kind: "dnsmasq", settings: JSON.stringify({ hostsFile: "/tmp/x.hosts" }) } });
    const zone = await tdb.db.dnsZone.create({ data: { name: "home.example", role: "lan", providerId: provider.id, target: "192.168.1.2" } });
    const err = await listZones(tdb.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RowParseError);
    expect(String(err)).toContain(`DnsZone ${zone.id}: column "target"`);
  });
});
