// Benchmark: apply 1,000 records to a real BIND9 through Homeport (routes → desired records →
// AXFR read-back → plan → RFC 2136 UPDATE batches → ledger) versus one `nsupdate` batch of the same
// 1,000 A records, in the same run against two identical named instances (median of ROUNDS rounds,
// each on fresh servers). The last line printed is one JSON object: { records, homeport_s, nsupdate_s, ratio, ... }. Target: ratio ≤ 2.
import { execFile } from "node:child_process";
import { performance } from "node:perf_hooks";
import { applyDns, createProvider, createZone, planDns } from "@/lib/dns";
import { createTestDb } from "@/test/helpers/test-db";
import { dig, ensureDnsServers, startNamed } from "@/test/dns/servers";

const RECORDS = Number(process.env.BENCH_DNS_RECORDS ?? 1000);
/** Rounds on fresh servers; the median of each side is reported (the machine is shared and noisy). */
const ROUNDS = Number(process.env.BENCH_DNS_ROUNDS ?? 5);
/**
 * Rounds run first and left out of the figures: the control plane is a long-running process, so
 * its first call's JIT and query-compiler warm-up is not what an apply costs. Reported separately.
 */
const WARMUP_ROUNDS = Number(process.env.BENCH_DNS_WARMUP ?? 1);
const ZONE = "bench.test";
const ADDRESS = "192.168.1.10";
const actor = { type: "system" as const, name: "bench" };
const meta = { ip: null, userAgent: "bench", secure: false };

function nsupdate(keyFile: string, script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = execFile("nsupdate", ["-v", "-k", keyFile], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, _o, stderr) => (err ? reject(new Error(`nsupdate failed: ${stderr}`)) : resolve()));
    p.stdin?.end(script);
  });
}

interface Round {
  homeportS: number;
  nsupdateS: number;
  /** nsupdate writing what Homeport writes: the A records plus their ownership TXT records. */
  nsupdateMarksS: number;
  replanS: number;
}

/** One round on two fresh, identical named instances: the nsupdate batch, then Homeport. */
async function round(names: string[]): Promise<Round> {
  const [hp, ns, nm] = await Promise.all([startNamed({ zone: ZONE }), startNamed({ zone: ZONE }), startNamed({ zone: ZONE })]);
  const tdb = await createTestDb();
  try {
    // Baseline: one nsupdate process, one UPDATE message with every record.
    const script = [`server 127.0.0.1 ${ns.port}`, `zone ${ZONE}.`, ...names.map((n) => `update add ${n}. 300 A ${ADDRESS}`), "send", ""].join("\n");
    const t0 = performance.now();
    await nsupdate(ns.keyFile, script);
    const nsupdateS = (performance.now() - t0) / 1000;

    // Reference: the same A records with their ownership TXT records (two messages: one would not fit).
    const half = Math.ceil(names.length / 2);
    const marked = (part: string[]) => part.flatMap((n) => [`update add ${n}. 300 A ${ADDRESS}`, `update add _homeport.${n}. 300 TXT "heritage=homeport type=A"`]);
    const scriptMarks = [`server 127.0.0.1 ${nm.port}`, `zone ${ZONE}.`, ...marked(names.slice(0, half)), "send", ...marked(names.slice(half)), "send", ""].join("\n");
    const tm = performance.now();
    await nsupdate(nm.keyFile, scriptMarks);
    const nsupdateMarksS = (performance.now() - tm) / 1000;

    // Homeport: routes in the database, then one apply of the LAN zone (read-back, plan, UPDATE batches, ledger).
    const db = tdb.db;
    const provider = await createProvider(db, { name: "bind", kind: "rfc2136", settings: { server: "127.0.0.1", port: hp.port, keyName: hp.keyName, secret: hp.secret } }, actor, meta);
    const zone = await createZone(db, { name: ZONE, role: "lan", providerId: provider.id, target: [ADDRESS], ttl: 300, autoApply: false }, actor, meta);
    await db.route.createMany({ data: names.map((hostname) => ({ hostname, upstreamUrl: "http://192.0.2.5:8080", exposure: "lan" })) });
    const t1 = performance.now();
    const [result] = await applyDns(db, actor, { zoneId: zone.id });
    const homeportS = (performance.now() - t1) / 1000;
    if (!result?.ok || result.outcomes.length !== names.length) throw new Error(`Homeport apply failed: ${result?.error ?? "no result"} (${result?.outcomes.length} outcomes)`);

    // Both servers answer the same, and a second Homeport plan is empty.
    const sample = names[names.length - 1]!;
    const [a, b] = await Promise.all([dig(hp.port, sample, "A"), dig(ns.port, sample, "A")]);
    if (a.join() !== ADDRESS || b.join() !== ADDRESS) throw new Error(`unexpected answers: homeport ${a.join()} nsupdate ${b.join()}`);
    const t2 = performance.now();
    const [again] = await planDns(db, { zoneId: zone.id });
    const replanS = (performance.now() - t2) / 1000;
    if (again?.changes.length !== 0) throw new Error(`re-plan not empty: ${again?.changes.length} changes`);
    return { homeportS, nsupdateS, nsupdateMarksS, replanS };
  } finally {
    await Promise.all([hp.cleanup(), ns.cleanup(), nm.cleanup()]);
    await tdb.cleanup();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function main(): Promise<void> {
  process.env.HOMEPORT_LOG_SILENT = "1";
  await ensureDnsServers();
  const names = Array.from({ length: RECORDS }, (_, i) => `host${String(i).padStart(5, "0")}.${ZONE}`);
  const rounds: Round[] = [];
  const warmups: Round[] = [];
  for (let i = 0; i < WARMUP_ROUNDS + ROUNDS; i++) {
    const r = await round(names);
    (i < WARMUP_ROUNDS ? warmups : rounds).push(r);
    console.log(`${i < WARMUP_ROUNDS ? "warm-up" : `round ${i + 1 - WARMUP_ROUNDS}`}: homeport ${r.homeportS.toFixed(3)} s (${RECORDS} records + ${RECORDS} ownership TXT), nsupdate batch ${r.nsupdateS.toFixed(3)} s (with TXT marks ${r.nsupdateMarksS.toFixed(3)} s), re-plan ${r.replanS.toFixed(3)} s`);
  }
  const homeport = median(rounds.map((r) => r.homeportS));
  const ns = median(rounds.map((r) => r.nsupdateS));
  const nsMarks = median(rounds.map((r) => r.nsupdateMarksS));
  console.log(JSON.stringify({ records: RECORDS, homeport_s: round3(homeport), nsupdate_s: round3(ns), ratio: round3(homeport / ns), nsupdate_with_marks_s: round3(nsMarks), ratio_vs_marks: round3(homeport / nsMarks), replan_s: round3(median(rounds.map((r) => r.replanS))), rounds: ROUNDS, statistic: "median", warmup_rounds: WARMUP_ROUNDS, warmup_homeport_s: warmups.map((w) => round3(w.homeportS)), target_ratio: 2 }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
