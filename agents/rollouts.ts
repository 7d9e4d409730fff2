// The agent's rollout journal: one file per service (<state dir>/rollouts/<service id>.json),
// rewritten atomically at each phase of a rollout, so that a rollout cut short by a crash of the
// agent (or of the host) is finished or rolled back at the next start, and so that the control
// plane, after its own restart, can ask how a rollout it lost track of ended. One rollout per
// service at a time.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const ROLLOUTS_DIR = "rollouts";

const OutcomeSchema = z.object({
  status: z.enum(["succeeded", "unchanged", "failed"]),
  containerId: z.string().nullable(),
  error: z.string().nullable(),
  finishedAt: z.string(),
});

export const JournalSchema = z.object({
  deploymentId: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  specHash: z.string(),
  restartPolicy: z.string(),
  startedAt: z.string(),
  /**
   * preparing: nothing created yet, or the temporary container may exist;
   * probation: the temporary container runs and is being health-checked (old ones may be stopped);
   * promoting: it passed; old containers are being removed and it takes the service's name;
   * done: `outcome` says how it ended.
   */
  phase: z.enum(["preparing", "probation", "promoting", "done"]),
  tempName: z.string(),
  tempContainerId: z.string().nullable(),
  /** Old containers this rollout stopped (started again on rollback). */
  stoppedOld: z.array(z.string()),
  /** Old containers of the service, removed when the new one is promoted. */
  oldIds: z.array(z.string()),
  outcome: OutcomeSchema.optional(),
});
export type Journal = z.infer<typeof JournalSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function fileOf(stateDir: string, serviceId: string): string {
  if (!SAFE_ID.test(serviceId)) throw new Error(`not a service id: ${serviceId}`);
  return join(stateDir, ROLLOUTS_DIR, `${serviceId}.json`);
}

/** Writes the journal durably: temp file, fsync, rename (a crash leaves the old or the new one). */
export function writeJournal(stateDir: string, j: Journal): void {
  const dir = join(stateDir, ROLLOUTS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = fileOf(stateDir, j.serviceId);
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify(j));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function readJournal(stateDir: string, serviceId: string): Journal | null {
  try {
    const r = JournalSchema.safeParse(JSON.parse(readFileSync(fileOf(stateDir, serviceId), "utf8")));
    return r.success ? r.data : null;
  } catch {
    return null; // missing, or torn by a crash before the rename: nothing to resume
  }
}

export function listJournals(stateDir: string): Journal[] {
  let names: string[];
  try {
    names = readdirSync(join(stateDir, ROLLOUTS_DIR));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => readJournal(stateDir, n.slice(0, -".json".length)))
    .filter((j): j is Journal => j !== null);
}

/** In-memory: which service has a rollout under way in this agent process. */
export class RolloutLocks {
  private readonly active = new Map<string, string>();

  /** Takes the service's lock, or returns the deployment id that holds it. */
  acquire(serviceId: string, deploymentId: string): string | null {
    const holder = this.active.get(serviceId);
    if (holder !== undefined) return holder;
    this.active.set(serviceId, deploymentId);
    return null;
  }

  release(serviceId: string, deploymentId: string): void {
    if (this.active.get(serviceId) === deploymentId) this.active.delete(serviceId);
  }

  isRunning(deploymentId: string): boolean {
    return [...this.active.values()].includes(deploymentId);
  }
}

export type OutcomeStatus = "running" | "succeeded" | "unchanged" | "failed" | "unknown";

/** How a deployment ended, as far as this agent knows (the latest journal per service). */
export function outcomeOf(stateDir: string, locks: RolloutLocks, deploymentId: string): { status: OutcomeStatus; containerId: string | null; error: string | null } {
  if (locks.isRunning(deploymentId)) return { status: "running", containerId: null, error: null };
  const j = listJournals(stateDir).find((x) => x.deploymentId === deploymentId);
  if (!j) return { status: "unknown", containerId: null, error: null };
  if (j.phase !== "done" || !j.outcome) return { status: "running", containerId: null, error: null };
  return { status: j.outcome.status, containerId: j.outcome.containerId, error: j.outcome.error };
}
