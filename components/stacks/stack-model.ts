// What the stacks pages compute from the API's answers, kept pure so it is tested on its own: the
// health summary and status of a stack, the plan grouped by level, how each rollout step looks,
// where a Compose or .env problem points (editor and line), and which of two rollout views is newer.
import type { z } from "zod";
import type { BadgeTone } from "@/components/ui/badge";
import type { IssueSchema, RolloutStep, StackRolloutView, StackView } from "@/lib/stacks/schemas";

export type StackIssue = z.infer<typeof IssueSchema>;
export type StackServiceState = StackView["services"][number];
type PlanStepLike = Omit<RolloutStep, "status" | "message" | "deploymentId">;

export interface HealthSummary {
  running: number;
  unhealthy: number;
  stopped: number;
  total: number;
}

/** Running (and not unhealthy), unhealthy, and everything else (stopped, exited, no container). */
export function healthSummary(services: StackServiceState[]): HealthSummary {
  const out: HealthSummary = { running: 0, unhealthy: 0, stopped: 0, total: services.length };
  for (const s of services) {
    if (s.health === "unhealthy") out.unhealthy++;
    else if (s.state === "running") out.running++;
    else out.stopped++;
  }
  return out;
}

export interface StatusLook {
  tone: BadgeTone;
  label: string;
}

/** The stack's one-word status, worst first: applying, last apply failed, not applied, degraded, stopped, running. */
export function stackStatus(stack: Pick<StackView, "lastRollout" | "appliedVersion" | "services">): StatusLook {
  if (stack.lastRollout?.status === "running") return { tone: "info", label: "Applying" };
  if (stack.lastRollout?.status === "failed") return { tone: "danger", label: "Last apply failed" };
  if (stack.appliedVersion === null && stack.services.length === 0) return { tone: "neutral", label: "Not applied yet" };
  const h = healthSummary(stack.services);
  if (h.total === 0) return { tone: "neutral", label: "No services" };
  if (h.unhealthy > 0) return { tone: "danger", label: "Unhealthy" };
  if (h.running === 0) return { tone: "neutral", label: "Stopped" };
  if (h.stopped > 0) return { tone: "warning", label: "Partly running" };
  return { tone: "success", label: "Running" };
}

export const ROLLOUT_LOOK: Record<StackRolloutView["status"], StatusLook> = {
  running: { tone: "info", label: "applying" },
  succeeded: { tone: "success", label: "succeeded" },
  failed: { tone: "danger", label: "failed" },
};

export const STEP_LOOK: Record<RolloutStep["status"], StatusLook> = {
  pending: { tone: "neutral", label: "pending" },
  running: { tone: "info", label: "running" },
  succeeded: { tone: "success", label: "succeeded" },
  unchanged: { tone: "neutral", label: "unchanged" },
  failed: { tone: "danger", label: "failed" },
  skipped: { tone: "warning", label: "skipped" },
};

export const ACTION_LOOK: Record<PlanStepLike["action"], StatusLook> = {
  create: { tone: "success", label: "create" },
  recreate: { tone: "warning", label: "recreate" },
  unchanged: { tone: "neutral", label: "unchanged" },
  remove: { tone: "danger", label: "remove" },
};

export interface PlanGroup<T extends PlanStepLike> {
  key: string;
  title: string;
  steps: T[];
}

/**
 * Steps in rollout order: one group per dependency level ("Level 1" goes first, its services in
 * parallel), then the removals, which run after every level.
 */
export function groupPlan<T extends PlanStepLike>(steps: T[]): PlanGroup<T>[] {
  const levels = new Map<number, T[]>();
  const removals: T[] = [];
  for (const s of steps) {
    if (s.action === "remove") removals.push(s);
    else levels.set(s.level, [...(levels.get(s.level) ?? []), s]);
  }
  const groups: PlanGroup<T>[] = [...levels.entries()]
    .sort(([a], [b]) => a - b)
    .map(([level, list], i, all) => ({
      key: `level-${level}`,
      title: all.length === 1 ? "All services" : `Level ${i + 1}${i === 0 ? " (first)" : ""}`,
      steps: [...list].sort((a, b) => a.key.localeCompare(b.key)),
    }));
  if (removals.length) groups.push({ key: "removals", title: "Then removed", steps: [...removals].sort((a, b) => a.key.localeCompare(b.key)) });
  return groups;
}

/** "1 to create, 1 to recreate, 2 unchanged" (only the non-zero counts). */
export function planSummary(steps: PlanStepLike[]): string {
  const n = (a: PlanStepLike["action"]) => steps.filter((s) => s.action === a).length;
  const parts = [
    [n("create"), "to create"],
    [n("recreate"), "to recreate"],
    [n("remove"), "to remove"],
    [n("unchanged"), "unchanged"],
  ] as const;
  const text = parts.filter(([c]) => c > 0).map(([c, w]) => `${c} ${w}`).join(", ");
  return text || "no services";
}

/** Which editor a problem belongs to: `.env` problems carry a path starting with ".env". */
export function issueEditor(issue: Pick<StackIssue, "path">): "compose" | "env" {
  return issue.path === ".env" || issue.path.startsWith(".env:") ? "env" : "compose";
}

/** The key path as people read it (the .env's own marker dropped). */
export function issueKey(issue: Pick<StackIssue, "path">): string {
  if (issue.path === ".env") return "";
  return issue.path.startsWith(".env:") ? issue.path.slice(5) : issue.path;
}

/**
 * The problems of a refused save or apply (422): each API issue's path is `compose:<line>:<key>`
 * or `compose:<key>` (line unknown: `?` or absent); anything else is a problem of the whole file.
 */
export function issuesFromApi(issues: { path: string; message: string }[]): StackIssue[] {
  return issues.map((i) => {
    const m = /^compose:(?:(\d+|\?):)?(.*)$/.exec(i.path);
    if (!m) return { path: "", line: null, column: null, message: i.message };
    const line = m[1] && m[1] !== "?" ? Number(m[1]) : null;
    return { path: m[2] ?? "", line, column: null, message: i.message };
  });
}

/** The character offset where a 1-based line starts (the end of the text past its last line). */
export function lineOffset(text: string, line: number): number {
  if (line <= 1) return 0;
  let at = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

const STEP_RANK: Record<RolloutStep["status"], number> = { pending: 0, running: 1, succeeded: 2, unchanged: 2, failed: 2, skipped: 2 };

function progress(r: StackRolloutView): number {
  return (r.status === "running" ? 0 : 1_000_000) + r.steps.reduce((n, s) => n + STEP_RANK[s.status], 0);
}

/**
 * The newer of two views of a stack's latest rollout: a later rollout wins; for the same rollout,
 * the one further along (steps only move forward), so a slow refetch never undoes a live event.
 */
export function laterRollout(a: StackRolloutView | null | undefined, b: StackRolloutView | null | undefined): StackRolloutView | null {
  if (!a) return b ?? null;
  if (!b) return a;
  if (a.id !== b.id) return b.createdAt >= a.createdAt ? b : a;
  return progress(b) >= progress(a) ? b : a;
}

/** "127.0.0.1:8080→80/tcp", or "80/tcp" when not published. */
export function portText(p: StackServiceState["ports"][number]): string {
  return `${p.host !== null ? `${p.host}→` : ""}${p.container}/${p.protocol}`;
}
