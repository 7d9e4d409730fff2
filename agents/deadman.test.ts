// The dead-man's switch: journalled before a change is applied, undone at the deadline, after a
// crash by the next process, and by the detached failsafe even when the agent was killed.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Deadman, DEADMAN_FILE, type DeadmanEntry, type RevertReason } from "./deadman";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "hp-deadman-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness(stateDir: string) {
  const undone: { data: unknown }[] = [];
  const told: { id: string; reason: RevertReason; error: string | null }[] = [];
  const dm = new Deadman({
    stateDir,
    reverters: {
      note: async (data) => { undone.push({ data }); },
      broken: async () => { throw new Error("nft: no such table"); },
    },
    onReverted: (e: DeadmanEntry, reason, error) => told.push({ id: e.id, reason, error }),
    failsafeGraceMs: 200,
  });
  return { dm, undone, told };
}

describe("the dead-man's switch", () => {
  it("journals a change before it is applied and undoes it at the deadline", async () => {
    const dir = tmp();
    const { dm, undone, told } = harness(dir);
    dm.arm({ id: "x1", kind: "note", durationMs: 150, data: { table: "t1" } });
    const journal = JSON.parse(readFileSync(join(dir, DEADMAN_FILE), "utf8")) as { entries: { id: string }[] };
    expect(journal.entries.map((e) => e.id)).toEqual(["x1"]);
    expect(undone).toEqual([]);
    await sleep(400);
    expect(undone).toEqual([{ data: { table: "t1" } }]);
    expect(told).toEqual([{ id: "x1", reason: "deadline", error: null }]);
    expect(JSON.parse(readFileSync(join(dir, DEADMAN_FILE), "utf8"))).toEqual({ entries: [] });
  });

  it("undoes once when asked, and a later deadline or second ask does nothing", async () => {
    const { dm, undone, told } = harness(tmp());
    dm.arm({ id: "x2", kind: "note", durationMs: 200, data: 2 });
    const [a, b] = await Promise.all([dm.revert("x2", "stopped"), dm.revert("x2", "stopped")]);
    expect([a, b]).toEqual([true, true]);
    expect(await dm.revert("x2", "stopped")).toBe(false);
    await sleep(350);
    expect(undone).toHaveLength(1);
    expect(told.map((t) => t.reason)).toEqual(["stopped"]);
  });

  it("a disarmed change is kept: no undo at the deadline, out of the journal", async () => {
    const { dm, undone } = harness(tmp());
    dm.arm({ id: "x3", kind: "note", durationMs: 100, data: 3 });
    expect(dm.disarm("x3")).toBe(true);
    await sleep(250);
    expect(undone).toEqual([]);
    expect(dm.list()).toEqual([]);
  });

  it("a failed undo is reported and the entry still leaves the journal", async () => {
    const { dm, told } = harness(tmp());
    dm.arm({ id: "x4", kind: "broken", durationMs: 10_000, data: null });
    await dm.revert("x4", "stopped");
    expect(told).toEqual([{ id: "x4", reason: "stopped", error: "nft: no such table" }]);
    expect(dm.has("x4")).toBe(false);
  });

  it("refuses a kind it cannot undo, and the same id twice", () => {
    const { dm } = harness(tmp());
    expect(() => dm.arm({ id: "x5", kind: "unknown", durationMs: 1000, data: null })).toThrow(/no way to undo/);
    dm.arm({ id: "x5", kind: "note", durationMs: 10_000, data: null });
    expect(() => dm.arm({ id: "x5", kind: "note", durationMs: 10_000, data: null })).toThrow(/already armed/);
    expect(dm.list().map((e) => e.id)).toEqual(["x5"]);
  });

  it("a new process undoes what a dead one left, even before the deadline", async () => {
    const dir = tmp();
    const first = harness(dir);
    first.dm.arm({ id: "left", kind: "note", durationMs: 3_600_000, data: "from the dead process" });
    // The first process "dies" here: its timers never fire in the second.
    const second = harness(dir);
    expect(second.dm.list().map((e) => e.id)).toEqual(["left"]);
    expect(await second.dm.recover()).toBe(1);
    expect(second.undone).toEqual([{ data: "from the dead process" }]);
    expect(second.told[0]?.reason).toBe("agent-start");
    expect(harness(dir).dm.list()).toEqual([]);
    await first.dm.revertAll("shutdown"); // the first one's timer: nothing left to do for it either
  });

  it("a damaged journal is set aside, not trusted", () => {
    const dir = tmp();
    writeFileSync(join(dir, DEADMAN_FILE), "{ not json");
    const { dm } = harness(dir);
    expect(dm.list()).toEqual([]);
    expect(existsSync(join(dir, DEADMAN_FILE))).toBe(false);
  });

  it("the failsafe undoes the change after the deadline even when the agent was killed (kill -9)", async () => {
    const dir = tmp();
    const marker = join(dir, "undone-by-failsafe");
    // A separate Node process arms the change with a failsafe, then is killed with SIGKILL.
    const script = `
      const { Deadman } = await import(${JSON.stringify(join(process.cwd(), "agents/deadman.ts"))});
      const dm = new Deadman({ stateDir: ${JSON.stringify(dir)}, reverters: { note: async () => {} }, failsafeGraceMs: 200 });
      dm.arm({ id: "k1", kind: "note", durationMs: 300, data: null, failsafe: ["touch", ${JSON.stringify(marker)}] });
      process.stdout.write("armed\\n");
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => { if (b.toString().includes("armed")) resolve(); });
      child.on("exit", (code) => reject(new Error(`the arming process exited early (${code})`)));
    });
    child.kill("SIGKILL");
    expect(existsSync(marker)).toBe(false);
    for (let i = 0; i < 40 && !existsSync(marker); i++) await sleep(100);
    expect(existsSync(marker)).toBe(true);
  }, 15_000);

  it("a disarmed change's failsafe never runs", async () => {
    const dir = tmp();
    const marker = join(dir, "must-not-exist");
    const { dm } = harness(dir);
    dm.arm({ id: "k2", kind: "note", durationMs: 100, data: null, failsafe: ["touch", marker] });
    dm.disarm("k2");
    await sleep(800);
    expect(existsSync(marker)).toBe(false);
  });
});
