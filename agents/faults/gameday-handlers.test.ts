// The game-day handlers on a real dead-man's switch (temp journal), without host tools: refusals
// before anything is armed, a fault that fails to apply undone at once, and what the agent tells.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_HOST_POLICY } from "@/lib/protocol";
import { Deadman, type DeadmanEnv, type Reverter } from "../deadman";
import { gameDayDeadman, gameDayHandlers } from "../gameday-handlers";
import type { HandlerContext } from "../handlers";
import { RolloutLocks } from "../rollouts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function harness(opts: { holdOff?: () => void; allowFaults?: boolean; failCut?: boolean; docker?: Docker } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "hp-gd-handlers-"));
  dirs.push(dir);
  const emitted: { type: string; params: unknown }[] = [];
  const link = { held: 0, resumed: 0 };
  const env: DeadmanEnv = {
    docker: opts.docker ?? ({} as Docker),
    emit: (type, params) => (emitted.push({ type, params }), true),
    link: { holdOff: opts.holdOff ?? (() => void link.held++), resume: () => void link.resumed++ },
  };
  const reverters: Record<string, Reverter> = { ...gameDayDeadman.reverters(env), "firewall:apply": async () => undefined };
  if (opts.failCut) reverters["gameday:cut-agent"] = async () => { throw new Error("link would not come back"); };
  const deadman = new Deadman({ stateDir: dir, reverters, onReverted: (e, reason, error) => gameDayDeadman.onReverted?.(e, reason, error, env) });
  const ctx: HandlerContext = {
    docker: env.docker,
    emit: env.emit,
    stateDir: dir,
    policy: { ...DEFAULT_HOST_POLICY, allowFaults: opts.allowFaults ?? true },
    locks: new RolloutLocks(),
    deadman,
    link: env.link,
  };
  return { ctx, deadman, emitted, link };
}

const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`);
const cut = { experimentId: "cut-1", fault: { kind: "cut-agent" as const }, durationSec: 60 };

describe("gameday handlers", () => {
  it("refuse with policy_denied when the owner turned faults off, arming nothing", async () => {
    const { ctx, deadman, link } = harness({ allowFaults: false });
    expect(await codeOf(gameDayHandlers["gameday/start"](cut, ctx))).toMatch(/^policy_denied: .*--deny-faults/);
    expect(deadman.list()).toEqual([]);
    expect(link.held).toBe(0);
  });

  it("a fault that fails to apply is undone at once, answered with its error, and not reported as reverted", async () => {
    const { ctx, deadman, emitted, link } = harness({ holdOff: () => { throw new Error("socket gone"); } });
    expect(await codeOf(gameDayHandlers["gameday/start"](cut, ctx))).toMatch(/socket gone/);
    expect(deadman.list()).toEqual([]);
    expect(link.resumed).toBe(1);
    expect(emitted).toEqual([]);
  });

  it("lists only game-day entries, by experiment id and kind; the same experiment twice is a conflict", async () => {
    const { ctx, deadman } = harness();
    deadman.arm({ id: "fw-1", kind: "firewall:apply", durationMs: 60_000, data: null });
    const r = await gameDayHandlers["gameday/start"](cut, ctx);
    expect(Date.parse(r.deadline) - Date.now()).toBeGreaterThan(55_000);
    expect((await gameDayHandlers["gameday/active"]({}, ctx)).active).toEqual([{ experimentId: "cut-1", kind: "cut-agent", startedAt: expect.any(String), deadline: r.deadline }]);
    expect(await codeOf(gameDayHandlers["gameday/start"](cut, ctx))).toMatch(/^conflict/);
    expect(await codeOf(gameDayHandlers["gameday/start"]({ ...cut, experimentId: "cut-2" }, ctx))).toMatch(/^conflict: experiment cut-1 already holds the agent's link/);
    await deadman.revertAll("shutdown");
  });

  it("stop undoes now and tells the control plane; an agent shutting down reports 'stopped'", async () => {
    const { ctx, deadman, emitted, link } = harness();
    await gameDayHandlers["gameday/start"](cut, ctx);
    expect(link.held).toBe(1);
    expect(await gameDayHandlers["gameday/stop"]({ experimentId: "cut-1" }, ctx)).toEqual({ reverted: true, detail: "experiment cut-1 reverted" });
    expect(link.resumed).toBe(1);
    expect(await gameDayHandlers["gameday/stop"]({ experimentId: "cut-1" }, ctx)).toMatchObject({ reverted: false });
    await gameDayHandlers["gameday/start"]({ ...cut, experimentId: "cut-3" }, ctx);
    await deadman.revertAll("shutdown");
    expect(emitted.map((e) => e.params)).toEqual([
      expect.objectContaining({ experimentId: "cut-1", reason: "stopped", ok: true, error: null }),
      expect.objectContaining({ experimentId: "cut-3", reason: "stopped", ok: true, error: null }),
    ]);
  });

  it("an undo that fails is said in the stop answer and in the event", async () => {
    const { ctx, emitted } = harness({ failCut: true });
    await gameDayHandlers["gameday/start"](cut, ctx);
    expect(await gameDayHandlers["gameday/stop"]({ experimentId: "cut-1" }, ctx)).toEqual({ reverted: true, detail: "the undo failed: link would not come back" });
    expect(emitted.at(-1)?.params).toMatchObject({ experimentId: "cut-1", ok: false, error: "link would not come back" });
  });

  it("an undo that comes while the fault is still being applied waits for it (a short deadline during a slow stop)", async () => {
    const calls: string[] = [];
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let isRunning = true;
    const container = {
      inspect: async () => ({ Id: "c".repeat(64), Name: "/dns", State: { Running: isRunning }, Config: { Labels: {} }, HostConfig: {} }),
      stop: async () => { calls.push("stop:begin"); await sleep(300); isRunning = false; calls.push("stop:end"); },
      start: async () => { calls.push("start"); isRunning = true; },
    };
    const { ctx } = harness({ docker: { getContainer: () => container } as unknown as Docker });
    const started = gameDayHandlers["gameday/start"]({ experimentId: "slow", fault: { kind: "stop-container", containerId: "dns" }, durationSec: 0.05 }, ctx);
    await started;
    await sleep(100);
    expect(calls).toEqual(["stop:begin", "stop:end", "start"]);
    expect(isRunning).toBe(true);
  });
});
