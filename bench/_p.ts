import { performance } from "node:perf_hooks";
import { createProvider, createZone, planDns, deriveDesiredRecords } from "@/lib/dns";
import { rfc2136Provider } from "@/lib/dns/providers/rfc2136";
import { createTestDb } from "@/test/helpers/test-db";
import { startNamed, ensureDnsServers } from "@/test/dns/servers";
async function main() {
  process.env.HOMEPORT_LOG_SILENT = "1";
  await ensureDnsServers();
  const n = await startNamed({ zone: "bench.test" });
  const tdb = await createTestDb(); const db = tdb.db;
  const a = { type: "system" as const }; const m = { ip: null, userAgent: null, secure: false };
  const p = await createProvider(db, { name: "b", kind: "rfc2136", settings: { server: "127.0.0.1", port: n.port, keyName: n.keyName, secret: n.secret } }, a, m);
  const z = await createZone(db, { name: "bench.test", role: "lan", providerId: p.id, target: ["192.168.1.10"], ttl: 300, autoApply: false }, a, m);
  const names = Array.from({ length: 1000 }, (_, i) => `host${i}.bench.test`);
  await db.route.createMany({ data: names.map((hostname) => ({ hostname, upstreamUrl: "http://x.test", exposure: "lan" })) });
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    const routes = await db.route.findMany({ select: { id: true, hostname: true, exposure: true } });
    const tr = performance.now() - t; t = performance.now();
    const d = deriveDesiredRecords(routes, [{ id: "z", name: "bench.test", role: "lan", target: ["192.168.1.10"], ttl: 300 }]);
    const td = performance.now() - t; t = performance.now();
    const s = { server: "127.0.0.1", port: n.port, keyName: n.keyName, secret: n.secret, algorithm: "hmac-sha256" as const };
    await rfc2136Provider.listRecords({ settings: s }, { name: "bench.test" });
    const ta = performance.now() - t; t = performance.now();
    const [plan] = await planDns(db, { zoneId: z.id });
    const tp = performance.now() - t; t = performance.now();
    const changes = plan!.changes.map((c) => ({ action: c.action, name: c.name, type: c.type as "A", after: c.after as never }));
    await rfc2136Provider.applyChanges({ settings: s }, { name: "bench.test" }, changes);
    const tap = performance.now() - t; t = performance.now();
    await rfc2136Provider.applyChanges({ settings: s }, { name: "bench.test" }, changes.map((c) => ({ ...c, action: "delete" as const, before: c.after, after: undefined })));
    const big = JSON.stringify(d.get("z")!.records);
    t = performance.now();
    await db.dnsZone.update({ where: { id: z.id }, data: { applied: big } });
    const tu = performance.now() - t;
    console.log({ routes: tr.toFixed(0), derive: td.toFixed(0), axfr: ta.toFixed(0), planDns: tp.toFixed(0), nsupdate: tap.toFixed(0), zoneUpdate: tu.toFixed(0) });
  }
  await n.cleanup(); await tdb.cleanup();
}
main();
