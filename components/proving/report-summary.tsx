// The head of an exposure report: the score (big, coloured by the worst finding), the counts per
// severity, what is new and what was resolved since the previous report, when it ran and how long it
// took. A running report keeps the same box (no layout shift); a failed one says why.
"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import type { ExposureReportView } from "@/lib/exposure/schemas";
import { diffWords, plural, reportDuration, SEVERITY_LABEL, severityTone, worstSeverity } from "./exposure-model";
import { SeverityCounts, TONE_RING, TONE_TEXT } from "./report-severity";

function headline(r: ExposureReportView): string {
  if (r.status === "running") return "Scanning the lab…";
  if (r.status === "failed") return "The scan failed";
  const worst = worstSeverity(r.counts);
  if (!worst && r.scans.length === 0) return "Nothing was scanned";
  if (!worst) return "Nothing found: no open door an attacker would use";
  return `${plural(r.counts[worst], `${SEVERITY_LABEL[worst].toLowerCase()} finding`)}${r.findings.length > r.counts[worst] ? ` of ${r.findings.length}` : ""}`;
}

export function ReportSummary({ report: r, actions, title = "Latest report" }: { report: ExposureReportView; actions?: React.ReactNode; title?: string }) {
  const worst = worstSeverity(r.counts);
  const scanned = r.scans.length > 0 || r.findings.length > 0;
  const tone = r.status === "done" && scanned ? severityTone(worst) : "neutral";
  const notes = r.status === "done" && r.error ? r.error.split("; ").filter(Boolean) : [];
  const took = reportDuration(r);
  const diff = r.status === "done" ? diffWords(r.diff) : null;
  return (
    <Card aria-labelledby="report-summary-title" className={cn("border-2", TONE_RING[tone])} data-testid="report-summary" data-status={r.status}>
      <div className="flex flex-wrap items-start justify-between gap-3 px-5 pt-4">
        <div className="min-w-0">
          <h2 id="report-summary-title" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
            {title}
          </h2>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400" data-testid="report-when">
            {r.status === "running" ? "Started " : "Ran "}
            <Time iso={r.startedAt} />
            {took && <>, took {took}</>}
            {r.actor && <>, by {r.actor}</>}
            {r.trigger === "schedule" && <> (scheduled)</>}
          </p>
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </div>
      <div className="grid gap-5 px-5 py-4 sm:grid-cols-[auto_1fr] sm:items-center">
        <div aria-live="polite">
          <div className="flex items-baseline gap-1">
            {r.status === "running" ? (
              <span className="flex h-16 w-24 items-center justify-center" role="status" aria-label="Scan running">
                <Spinner className="size-8 text-indigo-600 dark:text-indigo-400" />
              </span>
            ) : (
              <span className={cn("h-16 text-6xl leading-none font-bold tabular-nums", TONE_TEXT[tone])} data-testid="exposure-score" data-tone={tone} aria-describedby="exposure-score-label">
                {r.score ?? "—"}
              </span>
            )}
            <span className="text-sm text-zinc-500 dark:text-zinc-400" aria-hidden="true">
              / 100
            </span>
          </div>
          <p id="exposure-score-label" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
            Exposure score{r.status === "done" ? " (100 = nothing found)" : ""}
          </p>
        </div>
        <div className="min-w-0 space-y-3">
          <p className={cn("text-lg font-semibold", r.status === "done" ? TONE_TEXT[tone] : "text-zinc-700 dark:text-zinc-200")} data-testid="report-headline">
            {headline(r)}
          </p>
          <SeverityCounts counts={r.counts} />
        </div>
      </div>
      {r.status === "failed" && (
        <div className="px-5 pb-4">
          <Alert tone="error" title="What went wrong">
            <p className="break-words">{r.error ?? "The scan stopped without a reason."}</p>
          </Alert>
        </div>
      )}
      {notes.length > 0 && (
        <div className="px-5 pb-4" data-testid="report-notes">
          <Alert tone="warning" title={scanned ? "Not everything could be looked at" : "Nothing was scanned"}>
            <ul className="list-disc space-y-0.5 pl-4">
              {notes.map((n) => (
                <li key={n} className="break-words">
                  {n}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      {r.status === "done" && r.counts.critical > 0 && (
        <p className="border-t border-zinc-200 px-5 py-3 text-sm text-red-800 dark:border-zinc-800 dark:text-red-300" data-testid="report-incident">
          A new critical finding opens an incident on the check &ldquo;Exposure: critical findings&rdquo; and notifies its channels; it resolves when a scan finds no critical.{" "}
          <Link href="/reachability" className="font-medium underline underline-offset-2">
            Reachability
          </Link>
        </p>
      )}
      {r.status === "done" && !diff && (
        <p className="border-t border-zinc-200 px-5 py-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-300" data-testid="report-diff">
          The first report: the next one shows what changed since this one.
        </p>
      )}
      {diff && (
        <p className="flex flex-wrap gap-x-4 gap-y-1 border-t border-zinc-200 px-5 py-3 text-sm dark:border-zinc-800" data-testid="report-diff">
          <span className={cn("font-medium", r.diff && r.diff.newCount > 0 ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-300")}>{diff.added}</span>
          {r.diff && r.diff.resolved.length > 0 ? (
            <a href="#resolved" className="font-medium text-emerald-700 underline-offset-2 hover:underline dark:text-emerald-400">
              {diff.resolved}
            </a>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-300">{diff.resolved}</span>
          )}
        </p>
      )}
    </Card>
  );
}
