// At start-up: a stack apply this process was running when it died (kill -9, power cut) is ended
// as failed with the reason. Each service's own rollout is resolved by deploy recovery from the
// agent's journal; the stack's applied version stays the last one that finished.
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { stackRolloutView } from "./rollout-view";

export const INTERRUPTED_MESSAGE = "the control plane restarted during this apply; services already rolled out keep their new version; apply again to finish";

export async function recoverStackRollouts(db: Db): Promise<number> {
  const rows = await db.stackRollout.findMany({ where: { status: "running" } });
  for (const r of rows) {
    const steps = stackRolloutView(r).steps.map((s) =>
      s.status === "pending" ? { ...s, status: "skipped" as const, message: "not started: the control plane restarted" }
      : s.status === "running" ? { ...s, status: "failed" as const, message: "interrupted by a restart of the control plane (its deployment shows how the agent ended it)" }
      : s);
    await db.stackRollout.update({ where: { id: r.id }, data: { status: "failed", error: INTERRUPTED_MESSAGE, steps: JSON.stringify(steps), finishedAt: new Date() } });
  }
  if (rows.length) log.warn("stacks", "ended stack applies a restart interrupted", { count: rows.length });
  return rows.length;
}
