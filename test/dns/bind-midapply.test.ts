// BIND stopped in the middle of an apply: a TCP relay in front of a real named forwards the zone
// transfer and the first UPDATE message, then stops named before the second. The apply fails
// cleanly with the reason, keeps what was applied in the ledger and the rest as desired state,
// and the reconciler finishes the job once named is back.
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { applyDns, CHANGES_PER_MESSAGE_RFC2136, createProvider, createZone, planDns, reconcileDnsOnce } from "@/lib/dns";
import { dig, ensureDnsServers, startNamed, type Named } from "./servers";

const ZONE = "mid.test";
const actor = { type: "user" as const, id: "u1", name: "admin" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };

let tdb: TestDb;
let named: Named;
let relay: Server;
let relayPort = 0;
let connections = 0;
/** Connection number (1-based) before which the relay stops named; 0 = never. */
let stopBefore = 0;

describe("BIND stopped mid-apply", () => {
  beforeAll(async () => {
    await ensureDnsServers();
    named = await startNamed({ zone: ZONE });
    relay = createServer((client: Socket) => {
      connections++;
      const forward = () => {
        const upstream = connect({ host: "127.0.0.1", port: named.port });
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      };
      if (stopBefore > 0 && connections === stopBefore) {
        client.pause();
        void named.stop().then(() => { client.resume(); forward(); });
      } else forward();
    });
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
    relayPort = (relay.address() as { port: number }).port;
    tdb = await createTestDb();
  }, 180_000);

  afterAll(async () => {
    await new Promise((r) => relay?.close(r));
    await named?.cleanup();
    await tdb?.cleanup();
  });

  it("fails cleanly after the first batch, keeps the desired state, and completes after a restart", async () => {
    const db = tdb.db;
    const provider = await createProvider(db, { name: "bind", kind: "rfc2136", settings: { server: "127.0.0.1", port: relayPort, keyName: named.keyName, secret: named.secret } }, actor, meta);
    const zone = await createZone(db, { name: ZONE, role: "lan", providerId: provider.id, target: ["192.168.1.10"], ttl: 300, autoApply: false }, actor, meta);
    const count = CHANGES_PER_MESSAGE_RFC2136 + 20;
    const names = Array.from({ length: count }, (_, i) => `h${String(i).padStart(4, "0")}.${ZONE}`);
    await db.route.createMany({ data: names.map((hostname) => ({ hostname, upstreamUrl: "http://192.0.2.5", exposure: "lan" })) });

    // Connection 1 is the zone transfer, 2 the first UPDATE message, 3 the second.
    connections = 0;
    stopBefore = 3;
    const [res] = await applyDns(db, actor, { zoneId: zone.id });
    expect(res!.ok).toBe(false);
    expect(res!.error).toMatch(/20 of \d+ changes failed/);
    const failed = res!.outcomes.filter((o) => !o.ok);
    expect(failed).toHaveLength(20);
    expect(failed[0]!.error).toMatch(/DNS server 127\.0\.0\.1:\d+ did not answer/);
    expect(res!.outcomes.filter((o) => o.ok)).toHaveLength(CHANGES_PER_MESSAGE_RFC2136);

    const row = await db.dnsZone.findUniqueOrThrow({ where: { id: zone.id } });
    expect(row).toMatchObject({ lastApplyOk: false, failures: 1 });
    expect(row.retryAt).not.toBeNull();
    expect(JSON.parse(row.applied)).toHaveLength(CHANGES_PER_MESSAGE_RFC2136);
    expect(await db.route.count()).toBe(count);

    stopBefore = 0;
    await named.start();
    expect(await dig(named.port, names[0]!, "A")).toEqual(["192.168.1.10"]);
    expect(await dig(named.port, names[count - 1]!, "A")).toEqual([]);
    const [plan] = await planDns(db, { zoneId: zone.id });
    expect(plan!.changes).toHaveLength(20);

    const report = await reconcileDnsOnce(db, new Date(Date.now() + 60 * 60_000));
    expect(report.applied).toBe(1);
    expect(await dig(named.port, names[count - 1]!, "A")).toEqual(["192.168.1.10"]);
    expect((await planDns(db, { zoneId: zone.id }))[0]!.changes).toEqual([]);
    expect(await db.dnsZone.findUniqueOrThrow({ where: { id: zone.id } })).toMatchObject({ lastApplyOk: true, failures: 0, retryAt: null });
  }, 120_000);
});
