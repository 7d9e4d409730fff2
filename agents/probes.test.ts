// The agent's probe runtime without a network: result batching, trimming, chunked schedules, and
// keeping results while offline until a schedule arrives again.
import { afterEach, describe, expect, it } from "vitest";
import { MAX_PROBE_RESULTS_PER_EVENT, PROBE_FRAME_BUDGET_BYTES, type AgentEventParams } from "@/lib/protocol";
import type { CheckResult, CompletedRun, VantageResult } from "@/lib/probes/engine";
import { AgentProber, batchResults, compactResult, type Emit } from "./probes";
import { OfflineResultBuffer } from "./offline-buffer";

const result = (i: number, message: string | null = null): VantageResult => ({
  checkId: `c${i}`, at: new Date().toISOString(), ok: true, errorClass: null, message, latencyMs: 1,
  timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 1 }, statusCode: 200, tls: null, answers: null, fingerprint: null,
});
const spec = { type: "tcp" as const, target: { host: "127.0.0.1", port: 9 } };

describe("batchResults", () => {
  const cases: { desc: string; results: VantageResult[]; batches: number }[] = [
    { desc: "nothing → no batch", results: [], batches: 0 },
    { desc: "a few → one batch", results: Array.from({ length: 3 }, (_, i) => result(i)), batches: 1 },
    { desc: "over the count cap → split", results: Array.from({ length: MAX_PROBE_RESULTS_PER_EVENT + 1 }, (_, i) => result(i)), batches: 2 },
    { desc: "over the byte budget → split", results: Array.from({ length: 10 }, (_, i) => result(i, "x".repeat(PROBE_FRAME_BUDGET_BYTES / 4))), batches: 4 },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const b = batchResults(c.results);
      expect(b).toHaveLength(c.batches);
      expect(b.flat()).toEqual(c.results);
    });
  }
});

describe("compactResult", () => {
  it("trims messages and DNS answers", () => {
    const r = compactResult({ ...result(1, "m".repeat(5000)), answers: Array.from({ length: 100 }, () => "a".repeat(1000)) });
    expect(r.message).toHaveLength(500);
    expect(r.answers).toHaveLength(32);
    expect(r.answers![0]).toHaveLength(256);
  });
});

describe("AgentProber", () => {
  let prober: AgentProber | undefined;
  afterEach(async () => prober?.stop());

  it("applies a chunked schedule only when its last chunk arrives", () => {
    prober = new AgentProber(() => {});
    const check = (id: string) => ({ id, intervalMs: 60_000, timeoutMs: 1000, spec });
    expect(prober.applyChunk({ scheduleId: "s1", chunk: 1, chunks: 2, checks: [check("b")] })).toEqual({ applied: false, checks: 1 });
    expect(prober.applyChunk({ scheduleId: "s1", chunk: 0, chunks: 2, checks: [check("a")] })).toEqual({ applied: true, checks: 2 });
    // A newer schedule replaces the whole set.
    expect(prober.applyChunk({ scheduleId: "s2", chunk: 0, chunks: 1, checks: [] })).toEqual({ applied: true, checks: 0 });
  });

  it("a chunk of another schedule starts over", () => {
    prober = new AgentProber(() => {});
    const check = (id: string) => ({ id, intervalMs: 60_000, timeoutMs: 1000, spec });
    prober.applyChunk({ scheduleId: "old", chunk: 0, chunks: 2, checks: [check("a")] });
    expect(prober.applyChunk({ scheduleId: "new", chunk: 1, chunks: 2, checks: [check("b")] })).toEqual({ applied: false, checks: 1 });
  });

  it("pushes scheduled results as probe/results events", async () => {
    const events: AgentEventParams<"probe/results">[] = [];
    prober = new AgentProber((type, params) => {
      if (type === "probe/results") events.push(params as AgentEventParams<"probe/results">);
    });
    prober.applyChunk({ scheduleId: "s", chunk: 0, chunks: 1, checks: [{ id: "tcp-closed", intervalMs: 1_000, timeoutMs: 500, spec }] });
    await expect.poll(() => events.flatMap((e) => e.results), { timeout: 10_000 }).toContainEqual(expect.objectContaining({ checkId: "tcp-closed", ok: false, errorClass: "refused" }));
  });

  it("probe/run answers one result per check, in order", async () => {
    prober = new AgentProber(() => {});
    const r = await prober.runOnce({ checks: [{ spec, timeoutMs: 500 }, { spec: { type: "tcp", target: { host: "169.254.169.254", port: 80 } } as never, timeoutMs: 500 }] });
    expect(r.results.map((x) => x.errorClass)).toEqual(["refused", "blocked"]);
  });
});

describe("the agent's imports", () => {
  it("reach the probe domain only through its pure engine (no database code on agents)", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const files = readdirSync("agents", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const probeImports = files.flatMap((f) => [...readFileSync(`agents/${f}`, "utf8").matchAll(/from\s+"(@\/lib\/(?:probes|db)[^"]*)"/g)].map((m) => `${f}: ${m[1]}`));
    expect(probeImports.length).toBeGreaterThan(0);
    expect(probeImports.filter((i) => !i.endsWith(": @/lib/probes/engine"))).toEqual([]);
  });
});

describe("AgentProber offline", () => {
  let prober: AgentProber | undefined;
  afterEach(async () => prober?.stop());

  /** Ten minutes ago: within the default one-hour age cap. */
  const T0 = Date.now() - 600_000;
  const ok: CheckResult = { ok: true, errorClass: null, message: null, latencyMs: 1, timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 1 }, statusCode: 200, tls: null, answers: null, fingerprint: null };
  const run = (checkId: string, sec: number): CompletedRun => ({ checkId, at: new Date(T0 + sec * 1000), result: ok, driftMs: 0 });
  const secs = (e: AgentEventParams<"probe/results">) => e.results.map((r) => (Date.parse(r.at) - T0) / 1000);
  /** Scheduled probes that never finish until the prober stops: the test feeds results itself. */
  const idle = (_spec: unknown, opts: { signal?: AbortSignal }) => new Promise<CheckResult>((resolve) => opts.signal?.addEventListener("abort", () => resolve(ok)));
  const schedule = (id: string, checkIds: string[]) => ({ scheduleId: id, chunk: 0, chunks: 1, checks: checkIds.map((c) => ({ id: c, intervalMs: 3_600_000, timeoutMs: 1000, spec })) });

  /** A fake link: `up` decides whether emit sends; `failNext` makes the socket fail the next frame it took. */
  function link() {
    const l = { up: true, failNext: false, sent: [] as AgentEventParams<"probe/results">[] };
    const emit: Emit = (type, params, onFailed) => {
      if (!l.up) return false;
      if (l.failNext) {
        l.failNext = false;
        setImmediate(() => onFailed?.(new Error("socket closed")));
        return true;
      }
      if (type === "probe/results") l.sent.push(params as AgentEventParams<"probe/results">);
      return true;
    };
    return { l, emit };
  }

  it("connected: results go straight out, nothing is kept", () => {
    const { l, emit } = link();
    prober = new AgentProber(emit, { run: idle });
    prober.applyChunk(schedule("s1", ["a"]));
    prober.record(run("a", 1));
    prober.flush();
    expect(l.sent.map(secs)).toEqual([[1]]);
    expect(l.sent[0]).not.toHaveProperty("dropped");
    expect(prober.buffered).toBe(0);
    expect(prober.offlineMode).toBe(false);
  });

  it("keeps results while the link is down and sends them, oldest first with the dropped count, once a schedule is applied again", async () => {
    const { l, emit } = link();
    prober = new AgentProber(emit, { run: idle, offline: new OfflineResultBuffer({ maxResults: 4, maxAgeMs: 3_600_000 }) });
    prober.applyChunk(schedule("s1", ["a", "b", "gone"]));
    prober.record(run("a", 1));
    prober.flush();
    expect(l.sent).toHaveLength(1);

    l.up = false;
    prober.record(run("a", 2)); // pending when the link drops: kept too
    prober.linkDown();
    expect(prober.offlineMode).toBe(true);
    for (const sec of [3, 4, 5]) prober.record(run("a", sec));
    prober.record(run("gone", 6));
    prober.flush();
    prober.record(run("b", 7));
    prober.flush();
    expect(l.sent).toHaveLength(1);
    expect(prober.buffered).toBe(4); // 2 and 3 dropped (the oldest)
    expect(prober.dropped).toBe(2);

    // Back, but not yet rescheduled (the hub refuses results for checks it has not scheduled):
    // still kept.
    l.up = true;
    prober.record(run("b", 8));
    prober.flush();
    expect(l.sent).toHaveLength(1);

    // The hub pushes the schedule again; "gone" is no longer on it.
    prober.record(run("a", 9)); // made just now, not flushed yet: goes out last
    prober.applyChunk(schedule("s2", ["a", "b"]));
    await expect.poll(() => l.sent.length).toBe(2);
    // The cap of 4 dropped 2, 3, 4 and 5 (oldest first); "gone" is discarded, not dropped.
    expect(secs(l.sent[1]!)).toEqual([7, 8, 9]);
    expect(l.sent[1]!.results.map((r) => r.checkId)).toEqual(["b", "b", "a"]);
    expect(l.sent[1]!.dropped).toBe(4);
    expect(prober.dropped).toBe(4);
    expect(prober.offlineMode).toBe(false);
    expect(prober.buffered).toBe(0);

    // Connected again: straight out.
    prober.record(run("a", 10));
    prober.flush();
    expect(secs(l.sent[2]!)).toEqual([10]);
  });

  it("a send that finds no link starts keeping results", async () => {
    const { l, emit } = link();
    prober = new AgentProber(emit, { run: idle });
    prober.applyChunk(schedule("s1", ["a"]));
    l.up = false;
    prober.record(run("a", 1));
    prober.flush();
    expect(prober.offlineMode).toBe(true);
    expect(prober.buffered).toBe(1);
    l.up = true;
    prober.record(run("a", 2));
    prober.flush();
    expect(l.sent).toHaveLength(0);
    prober.applyChunk(schedule("s2", ["a"]));
    await expect.poll(() => l.sent.flatMap(secs)).toEqual([1, 2]);
  });

  it("a frame the socket could not write is kept and sent again after the next schedule", async () => {
    const { l, emit } = link();
    prober = new AgentProber(emit, { run: idle });
    prober.applyChunk(schedule("s1", ["a"]));
    l.failNext = true;
    prober.record(run("a", 1));
    prober.flush();
    await expect.poll(() => prober!.buffered).toBe(1);
    expect(prober.offlineMode).toBe(true);
    prober.applyChunk(schedule("s2", ["a"]));
    await expect.poll(() => l.sent.flatMap(secs)).toEqual([1]);
  });

  it("splits a long offline period into batches under the protocol's caps, oldest first", async () => {
    const { l, emit } = link();
    prober = new AgentProber(emit, { run: idle, offline: new OfflineResultBuffer({ maxResults: 5_000, maxAgeMs: 3_600_000 }) });
    prober.applyChunk(schedule("s1", ["a"]));
    prober.linkDown();
    const n = MAX_PROBE_RESULTS_PER_EVENT * 2 + 7;
    for (let i = 0; i < n; i++) prober.record(run("a", i));
    prober.flush();
    prober.applyChunk(schedule("s2", ["a"]));
    await expect.poll(() => l.sent.length).toBe(3);
    expect(l.sent.every((e) => e.results.length <= MAX_PROBE_RESULTS_PER_EVENT)).toBe(true);
    expect(l.sent.flatMap(secs)).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});
