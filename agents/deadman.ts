// The agent's dead-man's switch: every fault or firewall change in force is written to a journal
// (<state dir>/deadman.json, 0600) with its deadline and how to undo it BEFORE it is applied. A timer
// undoes it at the deadline whatever the control plane or the link does; a new agent process undoes
// whatever a dead one left (crash, kill -9, reboot); and where an undo is a plain command (deleting
// an nftables table) a detached failsafe process runs it shortly after the deadline even if this
// agent is dead by then. Undo steps must be idempotent: more than one of these may run.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import type Docker from "dockerode";
import { z } from "zod";
import type { AgentEventParams, AgentEventType } from "@/lib/protocol";
import { writeStateFile } from "./state-file";

export const DEADMAN_FILE = "deadman.json";
/** The failsafe runs this long after the deadline, so the agent's own timer normally wins. */
export const FAILSAFE_GRACE_MS = 5_000;
/** Marks failsafe processes (their argv[0]), so one is never confused with an unrelated process. */
const FAILSAFE_MARK = "homeport-deadman";

const EntrySchema = z.object({
  id: z.string().min(1).max(128),
  kind: z.string().min(1).max(64),
  startedAt: z.string(),
  deadline: z.string(),
  data: z.unknown(),
  failsafe: z.array(z.string().max(4096)).max(64).optional(),
  failsafePid: z.number().int().positive().optional(),
});
export type DeadmanEntry = z.infer<typeof EntrySchema>;
const JournalSchema = z.object({ entries: z.array(EntrySchema) });

export type RevertReason = "deadline" | "stopped" | "agent-start" | "shutdown";
/** Undoes one kind of change; receives the entry's data. Must be idempotent. */
export type Reverter = (data: unknown) => Promise<void>;

/** What a feature's undo steps may use (bound late: the connection is made after the switch). */
export interface DeadmanEnv {
  docker: Docker;
  emit<T extends AgentEventType>(type: T, params: AgentEventParams<T>): boolean;
  link: { holdOff(untilMs: number): void; resume(): void };
}

/** A feature that arms changes (game days, the firewall): its undo steps by kind, and what it says after one. Kinds are prefixed with the feature's name ("gameday:…"). */
export interface DeadmanFeature {
  reverters(env: DeadmanEnv): Record<string, Reverter>;
  onReverted?(entry: DeadmanEntry, reason: RevertReason, error: string | null, env: DeadmanEnv): void;
}

export interface DeadmanOptions {
  stateDir: string;
  reverters: Record<string, Reverter>;
  /** Told after every revert (the error's text when the undo failed; the entry is dropped either way). */
  onReverted?: (entry: DeadmanEntry, reason: RevertReason, error: string | null) => void;
  log?: (line: string, fields?: Record<string, unknown>) => void;
  now?: () => number;
  /** How long after the deadline the failsafe runs (FAILSAFE_GRACE_MS unless a test shortens it). */
  failsafeGraceMs?: number;
}

export interface ArmRequest {
  id: string;
  kind: string;
  durationMs: number;
  data: unknown;
  /** A command (argv) that undoes the change without this process; run detached at deadline + grace. */
  failsafe?: string[];
}

export class Deadman {
  private readonly entries = new Map<string, DeadmanEntry>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly reverting = new Map<string, Promise<boolean>>();
  private readonly now: () => number;

  constructor(private readonly opts: DeadmanOptions) {
    this.now = opts.now ?? Date.now;
    this.load();
  }

  /** Entries in force, oldest first. */
  list(): DeadmanEntry[] {
    return [...this.entries.values()];
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Undoes everything a previous agent process left in the journal. Call once at start, before connecting. */
  async recover(): Promise<number> {
    const left = this.list();
    for (const e of left) await this.revert(e.id, "agent-start");
    return left.length;
  }

  /** Journals a change and starts its timer (and failsafe). Apply the change only after this returns. */
  arm(req: ArmRequest): DeadmanEntry {
    if (this.entries.has(req.id)) throw new Error(`${req.id} is already armed`);
    if (!this.opts.reverters[req.kind]) throw new Error(`no way to undo a ${req.kind}`);
    const start = this.now();
    const entry: DeadmanEntry = {
      id: req.id,
      kind: req.kind,
      startedAt: new Date(start).toISOString(),
      deadline: new Date(start + req.durationMs).toISOString(),
      data: req.data,
      ...(req.failsafe ? { failsafe: req.failsafe } : {}),
    };
    this.entries.set(entry.id, entry);
    this.save();
    if (req.failsafe) {
      entry.failsafePid = startFailsafe(req.failsafe, req.durationMs + (this.opts.failsafeGraceMs ?? FAILSAFE_GRACE_MS));
      this.save();
    }
    this.schedule(entry);
    return entry;
  }

  /** Keeps the change for good (a confirmed firewall change): no timer, no failsafe, out of the journal. */
  disarm(id: string): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    this.clear(e);
    this.entries.delete(id);
    this.save();
    return true;
  }

  /** Undoes one change now; false when it was not in force (already reverted). */
  revert(id: string, reason: RevertReason): Promise<boolean> {
    const busy = this.reverting.get(id);
    if (busy) return busy;
    const e = this.entries.get(id);
    if (!e) return Promise.resolve(false);
    const p = (async () => {
      this.clear(e);
      let error: string | null = null;
      try {
        const undo = this.opts.reverters[e.kind];
        if (!undo) throw new Error(`no way to undo a ${e.kind}`);
        await undo(e.data);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        this.opts.log?.("could not undo a change", { id: e.id, kind: e.kind, error });
      }
      this.entries.delete(e.id);
      this.save();
      this.opts.onReverted?.(e, reason, error);
      return true;
    })().finally(() => this.reverting.delete(id));
    this.reverting.set(id, p);
    return p;
  }

  /** Undoes everything (the agent is stopping). */
  async revertAll(reason: RevertReason): Promise<void> {
    await Promise.all(this.list().map((e) => this.revert(e.id, reason)));
  }

  private schedule(e: DeadmanEntry): void {
    const ms = Math.max(0, Date.parse(e.deadline) - this.now());
    const t = setTimeout(() => void this.revert(e.id, "deadline"), ms);
    this.timers.set(e.id, t);
  }

  private clear(e: DeadmanEntry): void {
    const t = this.timers.get(e.id);
    if (t) clearTimeout(t);
    this.timers.delete(e.id);
    if (e.failsafePid) stopFailsafe(e.failsafePid);
  }

  private load(): void {
    const file = join(this.opts.stateDir, DEADMAN_FILE);
    if (!existsSync(file)) return;
    try {
      const j = JournalSchema.parse(JSON.parse(readFileSync(file, "utf8")));
      for (const e of j.entries) this.entries.set(e.id, e);
    } catch (err) {
      // Kept aside for a person to read; nothing in it can be undone automatically.
      renameSync(file, `${file}.damaged-${Date.now()}`);
      this.opts.log?.("the dead-man's switch journal was damaged; set aside", { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private save(): void {
    writeStateFile(this.opts.stateDir, DEADMAN_FILE, { entries: this.list() });
  }
}

/** Starts `sleep; argv` in its own session, so it outlives this process. Returns its pid. */
function startFailsafe(argv: string[], afterMs: number): number | undefined {
  const secs = (Math.ceil(afterMs / 100) / 10).toFixed(1);
  const child = spawn("sh", ["-c", `sleep ${secs}; exec "$@"`, FAILSAFE_MARK, ...argv], { detached: true, stdio: "ignore" });
  child.on("error", () => undefined);
  child.unref();
  return child.pid;
}

/** Stops a failsafe this process started, if it is still that process (pids are reused). */
function stopFailsafe(pid: number): void {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmd.includes(FAILSAFE_MARK)) return;
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}
