// The agent's probe runtime without a network: result batching, trimming and chunked schedules.
import { afterEach, describe, expect, it } from "vitest";
import { MAX_PROBE_RESULTS_PER_EVENT, PROBE_FRAME_BUDGET_BYTES, type AgentEventParams } from "@/lib/protocol";
import type { VantageResult } from "@/lib/probes/engine";
import { AgentProber, batchResults, compactResult } from "./probes";

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
