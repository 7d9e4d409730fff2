// The exposure report's view logic, without React: finding order and filters, the score's tone, the
// wording of where a finding was seen, and the per-vantage summary of what each scan tried.
import type { ExposureReportView, Finding, Severity } from "@/lib/exposure/schemas";

/** Reports per page of the history (the server renders the first page; the client pages on). */
export const HISTORY_PAGE_SIZE = 10;

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low"];
export const SEVERITY_LABEL: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

export type SeverityFilter = Severity | "all";
export type CategoryFilter = "exposure" | "posture" | "all";
export interface FindingFilter {
  severity: SeverityFilter;
  category: CategoryFilter;
}
export const NO_FILTER: FindingFilter = { severity: "all", category: "all" };

export type Counts = Record<Severity, number>;

const rank = (s: Severity) => SEVERITY_ORDER.indexOf(s);

/** Critical first, then new before known, then by host, address and port (a stable, readable order). */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      Number(b.isNew) - Number(a.isNew) ||
      a.hostName.localeCompare(b.hostName) ||
      (a.address ?? "").localeCompare(b.address ?? "") ||
      (a.port ?? 0) - (b.port ?? 0) ||
      a.title.localeCompare(b.title),
  );
}

export function filterFindings(findings: readonly Finding[], f: FindingFilter): Finding[] {
  return findings.filter((x) => (f.severity === "all" || x.severity === f.severity) && (f.category === "all" || x.category === f.category));
}

/** Counts per severity and per category, for the filter's labels. */
export function countBy(findings: readonly Finding[]): { severity: Counts; category: Record<"exposure" | "posture", number> } {
  const severity: Counts = { critical: 0, high: 0, medium: 0, low: 0 };
  const category = { exposure: 0, posture: 0 };
  for (const x of findings) {
    severity[x.severity]++;
    category[x.category]++;
  }
  return { severity, category };
}

/** The worst severity with at least one finding, or null when nothing was found. */
export function worstSeverity(counts: Counts): Severity | null {
  return SEVERITY_ORDER.find((s) => counts[s] > 0) ?? null;
}

export type Tone = "danger" | "warning" | "caution" | "info" | "success" | "neutral";

/** The score is coloured by the worst finding, not by its number: one critical is red at any score. */
export function severityTone(s: Severity | null): Tone {
  if (s === null) return "success";
  return ({ critical: "danger", high: "warning", medium: "caution", low: "info" } as const)[s];
}

/** "from away" for a remote vantage point, "from the LAN" for a LAN one. */
export function vantageWords(kind: "lan" | "remote"): string {
  return kind === "remote" ? "from away" : "from the LAN";
}

/** Where a finding lives, in one line: "nas · 192.168.1.10:2375 · from away" or "nas · container web". */
export function whereLine(x: Finding): string {
  const parts = [x.hostName];
  if (x.address) parts.push(x.port !== undefined && x.port !== null ? `${x.address.includes(":") ? `[${x.address}]` : x.address}:${x.port}` : x.address);
  else if (x.port !== undefined && x.port !== null) parts.push(`port ${x.port}`);
  if (x.containerName && !x.serviceName) parts.push(`container ${x.containerName}`);
  if (x.vantage) parts.push(`${vantageWords(x.vantage.kind)} (${x.vantage.name})`);
  return parts.join(" · ");
}

export interface VantageSummary {
  vantageId: string;
  vantageName: string;
  vantageKind: "lan" | "remote";
  hosts: number;
  portsTried: number;
  open: number;
  errors: string[];
  durationMs: number;
}

/** One row per vantage point: how many hosts and ports it tried, how many answered, and what failed. */
export function summarizeScans(scans: ExposureReportView["scans"]): VantageSummary[] {
  const by = new Map<string, VantageSummary>();
  for (const s of scans) {
    const v = by.get(s.vantageId) ?? { vantageId: s.vantageId, vantageName: s.vantageName, vantageKind: s.vantageKind, hosts: 0, portsTried: 0, open: 0, errors: [], durationMs: 0 };
    v.hosts++;
    v.portsTried += s.portsTried;
    v.open += s.open.length;
    if (s.error) v.errors.push(`${s.hostName}: ${s.error}`);
    v.durationMs = Math.max(v.durationMs, s.durationMs);
    by.set(s.vantageId, v);
  }
  return [...by.values()].sort((a, b) => b.errors.length - a.errors.length || a.vantageName.localeCompare(b.vantageName));
}

/** "850 ms", "42 s", "3 min 5 s". */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

/** How long a finished report took, or null while it runs. */
export function reportDuration(r: Pick<ExposureReportView, "startedAt" | "finishedAt">): string | null {
  if (!r.finishedAt) return null;
  return formatDurationMs(Date.parse(r.finishedAt) - Date.parse(r.startedAt));
}

/** "1 new since the last report" / "3 resolved"; nothing when there is no previous report. */
export function diffWords(diff: ExposureReportView["diff"]): { added: string; resolved: string } | null {
  if (!diff || diff.previousId === null) return null;
  return {
    added: diff.newCount === 0 ? "Nothing new since the last report" : `${diff.newCount} new since the last report`,
    resolved: `${diff.resolved.length} resolved`,
  };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
