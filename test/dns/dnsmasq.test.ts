// Homeport against a real dnsmasq (loopback, its own addn-hosts file): apply into the marked
// block, verify with real queries, idempotent re-apply, drift after a hand edit, the user's own
// lines untouched and reported on a clash, and a clean failure while dnsmasq is stopped.
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { applyDns, createProvider, createZone, driftDns, planDns } from "@/lib/dns";
import { BLOCK_BEGIN, BLOCK_END } from "@/lib/dns/providers/dnsmasq";
import type { Db } from "@/lib/db";
import { dig, ensureDnsServers, startDnsmasq, type Dnsmasq } from "./servers";

const actor = { type: "user" as const, id: "u1", name: "admin" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };
const USER_LINES = "# my own hosts\n10.0.0.2 nas.lan.test\n10.0.0.3 printer.lan.test\n";

let tdb: TestDb;
let db: Db;
let dm: Dnsmasq;
let zoneId: string;

/** dnsmasq re-reads the file on SIGHUP asynchronously: poll the answer briefly. */
async function answers(name: string, type = "A", want?: string[]): Promise<string[]> {
  let got: string[] = [];
  for (let i = 0; i < 50; i++) {
    got = await dig(dm.port, name, type);
    if (!want || JSON.stringify(got) === JSON.stringify(want)) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  return got;
}

describe("dnsmasq provider against a real dnsmasq", () => {
  beforeAll(async () => {
    await ensureDnsServers();
    dm = await startDnsmasq({ hosts: USER_LINES });
    tdb = await createTestDb();
    db = tdb.db;
    const p = await createProvider(db, { name: "dnsmasq", kind: "dnsmasq", settings: { hostsFile: dm.hostsFile, pidFile: dm.pidFile } }, actor, meta);
    zoneId = (await createZone(db, { name: "lan.test", role: "lan", providerId: p.id, target: ["192.168.1.10"], ttl: 300, autoApply: false }, actor, meta)).id;
    await db.route.create({ data: { hostname: "app.lan.test", upstreamUrl: "http://192.0.2.5", exposure: "both" } });
    await db.route.create({ data: { hostname: "nas.lan.test", upstreamUrl: "http://192.0.2.6", exposure: "lan" } });
  }, 180_000);

  afterAll(async () => {
    await dm?.cleanup();
    await tdb?.cleanup();
  });

  it("plans, applies into the marked block, and real queries answer", async () => {
    const [plan] = await planDns(db, { zoneId });
    expect(plan!.changes.map((c) => `${c.action} ${c.name} ${c.type}`)).toEqual(["create app.lan.test A"]);
    expect(plan!.conflicts.map((c) => c.name)).toEqual(["nas.lan.test"]);
    const [res] = await applyDns(db, actor, { zoneId });
    expect(res!.ok, res!.error ?? "").toBe(true);
    expect(await answers("app.lan.test", "A", ["192.168.1.10"])).toEqual(["192.168.1.10"]);
    const text = readFileSync(dm.hostsFile, "utf8");
    expect(text.startsWith(USER_LINES.trimEnd())).toBe(true);
    expect(text).toContain(`${BLOCK_BEGIN}\n192.168.1.10 app.lan.test\n${BLOCK_END}`);
    expect(await answers("nas.lan.test")).toEqual(["10.0.0.2"]);
  });

  it("re-applying is a no-op", async () => {
    const before = readFileSync(dm.hostsFile, "utf8");
    const [plan] = await planDns(db, { zoneId });
    expect(plan!.changes).toEqual([]);
    await applyDns(db, actor, { zoneId });
    expect(readFileSync(dm.hostsFile, "utf8")).toBe(before);
  });

  it("a hand edit inside the block is drift; re-apply restores it", async () => {
    writeFileSync(dm.hostsFile, readFileSync(dm.hostsFile, "utf8").replace("192.168.1.10 app.lan.test", "10.7.7.7 app.lan.test"));
    const [drift] = await driftDns(db, { zoneId });
    expect(drift!.items).toEqual([expect.objectContaining({ name: "app.lan.test", type: "A", kind: "changed", actual: { values: ["10.7.7.7"], ttl: 0 } })]);
    await applyDns(db, actor, { zoneId });
    expect(await answers("app.lan.test", "A", ["192.168.1.10"])).toEqual(["192.168.1.10"]);
    expect((await driftDns(db, { zoneId }))[0]!.items).toEqual([]);
  });

  it("dnsmasq stopped: the apply fails cleanly with the reason and the file is not written", async () => {
    await db.route.create({ data: { hostname: "new.lan.test", upstreamUrl: "http://192.0.2.7", exposure: "lan" } });
    const before = readFileSync(dm.hostsFile, "utf8");
    await dm.stop();
    const [res] = await applyDns(db, actor, { zoneId });
    expect(res!.ok).toBe(false);
    expect(res!.error).toMatch(/dnsmasq .*not running/);
    expect(readFileSync(dm.hostsFile, "utf8")).toBe(before);
    expect((await db.dnsZone.findUniqueOrThrow({ where: { id: zoneId } })).retryAt).not.toBeNull();
  });
});
