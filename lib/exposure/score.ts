// Ranking, scoring and diffing findings (pure): the report's order, its 0–100 score and what is
// new or resolved since the previous finished report.
import type { RawFinding } from "./findings";
import { CRITICAL_SCORE_CEILING, SCORE_WEIGHTS, SEVERITY_RANK } from "./rules";
import type { Finding, ReportDiff, SeverityCounts } from "./schemas";

/** Severity first, then new before known, then host name, port and key. */
export function rankFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || Number(b.isNew) - Number(a.isNew)
    || a.hostName.localeCompare(b.hostName)
    || (a.port ?? 0) - (b.port ?? 0)
    || a.key.localeCompare(b.key));
}

export function countBySeverity(findings: Pick<Finding, "severity">[]): SeverityCounts {
  const c: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

/**
 * 100 = nothing found. Each finding takes its severity's weight off, each severity at most its
 * cap (a hundred stale images do not outweigh one open Docker API); any critical finding keeps
 * the score at or below CRITICAL_SCORE_CEILING.
 */
export function scoreOf(counts: SeverityCounts): number {
  let lost = 0;
  for (const sev of ["critical", "high", "medium", "low"] as const) {
    lost += Math.min(SCORE_WEIGHTS[sev].cap, counts[sev] * SCORE_WEIGHTS[sev].each);
  }
  let score = Math.max(0, 100 - lost);
  if (counts.critical > 0) score = Math.min(score, CRITICAL_SCORE_CEILING);
  return Math.round(score);
}

export interface DiffOutcome {
  findings: Finding[];
  diff: ReportDiff;
}

/**
 * Marks each finding new or known against the previous finished report's findings (all new when
 * there is none) and lists the resolved ones; returns the findings ranked.
 */
export function diffFindings(current: RawFinding[], previous: { id: string; findings: Pick<Finding, "key" | "title" | "severity">[] } | null): DiffOutcome {
  const before = new Map((previous?.findings ?? []).map((f) => [f.key, f]));
  const now = new Set(current.map((f) => f.key));
  const findings = rankFindings(current.map((f) => ({ ...f, isNew: !before.has(f.key) })));
  const resolved = [...before.values()].filter((f) => !now.has(f.key)).map((f) => ({ key: f.key, title: f.title, severity: f.severity }));
  resolved.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.key.localeCompare(b.key));
  return { findings, diff: { previousId: previous?.id ?? null, newCount: findings.filter((f) => f.isNew).length, resolved } };
}

/** The critical findings that were not in the previous report: each one is news for an incident. */
export const newCriticals = (findings: Finding[]) => findings.filter((f) => f.severity === "critical" && f.isNew);
