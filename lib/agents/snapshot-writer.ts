// Applies agents' snapshots to the database for the hub, cheaply and fairly under a reconnect
// storm: a snapshot identical to the last one written for that host (and no container event
// since) only refreshes its rows' time in one statement; any other is diffed into one transaction
// (state.ts). At most SNAPSHOT_CONCURRENCY apply at once, through a WorkGate that gives the event
// loop a turn between them, so a thousand agents reconnecting together cannot starve the live
// `die` events of everyone else.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import type { ContainerSummary } from "@/lib/protocol";
import { replaceSnapshot } from "./state";
import { WorkGate } from "./work-gate";

/**
 * Snapshots applied to the database at once, across all agents. One: SQLite writes are synchronous
 * here, so more in flight adds no throughput and only lengthens the stretches live events wait
 * (bench/snapshot.ts: 1, 2 and 4 at once wrote ~the same snapshots/s; dies served fell 195 → 98 → 48).
 */
export const SNAPSHOT_CONCURRENCY = 1;

/** The snapshot's content (what its rows would say, the time aside), as a short digest. */
export function snapshotDigest(containers: readonly ContainerSummary[]): string {
  return createHash("sha1").update(JSON.stringify(containers)).digest("base64");
}

export class SnapshotWriter {
  /** Per host: the digest of the last snapshot written, while no container event has changed a row since. */
  private readonly applied = new Map<string, string>();
  /** Per host: bumped by every container event, so a snapshot written meanwhile is not remembered. */
  private readonly versions = new Map<string, number>();
  private readonly gate: WorkGate;
  readonly counts = { written: 0, unchanged: 0 };

  constructor(private readonly db: () => Db, concurrency = SNAPSHOT_CONCURRENCY) {
    this.gate = new WorkGate(concurrency);
  }

  /** Whether this snapshot is what the database already holds for the host (nothing to publish). */
  isUnchanged(hostId: string, digest: string): boolean {
    return this.applied.get(hostId) === digest;
  }

  apply(hostId: string, containers: ContainerSummary[], at: Date, digest = snapshotDigest(containers)): Promise<"written" | "unchanged"> {
    return this.gate.run(async () => {
      const db = this.db();
      if (this.applied.get(hostId) === digest) {
        const { count } = await db.containerState.updateMany({ where: { hostId }, data: { observedAt: at } });
        // Someone else changed the host's rows (a removal, a deleted service): diff it after all.
        if (count === containers.length) {
          this.counts.unchanged++;
          return "unchanged";
        }
      }
      this.applied.delete(hostId);
      const version = this.versions.get(hostId) ?? 0;
      await replaceSnapshot(db, hostId, containers, at);
      if ((this.versions.get(hostId) ?? 0) === version) this.applied.set(hostId, digest);
      this.counts.written++;
      return "written";
    });
  }

  /** A container event changed the host's rows: its next snapshot is diffed in full. */
  changed(hostId: string): void {
    this.applied.delete(hostId);
    this.versions.set(hostId, (this.versions.get(hostId) ?? 0) + 1);
  }

  /** The host is gone for good (or offline long): nothing is kept for it. */
  forget(hostId: string): void {
    this.applied.delete(hostId);
    this.versions.delete(hostId);
  }

  /** Hosts with something remembered (bounded by the hosts, pruned by `forget`). */
  get size(): number {
    return new Set([...this.applied.keys(), ...this.versions.keys()]).size;
  }
}
