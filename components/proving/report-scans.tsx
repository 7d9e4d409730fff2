// The rest of an exposure report: what was resolved since the previous one, and what each vantage point
// scanned (hosts, ports tried, open ports, errors first), with the per-host rows folded underneath.
"use client";

import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ExposureReportView } from "@/lib/exposure/schemas";
import { formatDurationMs, plural, summarizeScans, vantageWords } from "./exposure-model";
import { SeverityBadge } from "./report-severity";

export function ReportResolved({ diff }: { diff: ExposureReportView["diff"] }) {
  if (!diff || diff.previousId === null || diff.resolved.length === 0) return null;
  return (
    <Card aria-labelledby="resolved" data-testid="report-resolved">
      <CardHeader id="resolved" title="Resolved since the last report" description="Found last time, gone now." />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {diff.resolved.map((x) => (
          <li key={x.key} className="flex items-start gap-3 px-5 py-2.5 text-sm">
            <SeverityBadge severity={x.severity} className="opacity-70" />
            <span className="min-w-0 break-words text-zinc-600 line-through decoration-zinc-400 dark:text-zinc-300">{x.title}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

const n = (v: number) => v.toLocaleString("en-US");

export function ReportScans({ scans, running = false }: { scans: ExposureReportView["scans"]; running?: boolean }) {
  const vantages = summarizeScans(scans);
  return (
    <Card aria-labelledby="report-scans-title" data-testid="report-scans">
      <CardHeader id="report-scans-title" title="What was scanned" description="TCP connect scans of the lab's own hosts, from each vantage point." />
      {vantages.length === 0 ? (
        <CardBody>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{running ? "The vantage points report here as they finish." : "No vantage point scanned: connect an agent first."}</p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {vantages.map((v) => {
            const rows = scans.filter((s) => s.vantageId === v.vantageId);
            return (
              <li key={v.vantageId} className="px-5 py-3" data-testid="vantage" data-vantage={v.vantageName}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{v.vantageName}</span>
                  <Badge tone={v.vantageKind === "remote" ? "accent" : "neutral"}>{vantageWords(v.vantageKind)}</Badge>
                  {v.errors.length > 0 && <Badge tone="warning">{plural(v.errors.length, "error")}</Badge>}
                </div>
                <p className="mt-1 text-sm text-zinc-600 tabular-nums dark:text-zinc-300" data-testid="vantage-figures">
                  {plural(v.hosts, "host")} · {n(v.portsTried)} ports tried · {n(v.open)} open · took {formatDurationMs(v.durationMs)}
                </p>
                {v.errors.length > 0 && (
                  <ul className="mt-1 space-y-0.5 text-sm text-amber-800 dark:text-amber-300">
                    {v.errors.map((e) => (
                      <li key={e} className="break-words">
                        {e}
                      </li>
                    ))}
                  </ul>
                )}
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-100">Per host</summary>
                  <ul className="mt-1 space-y-1 pl-4">
                    {rows.map((s) => (
                      <li key={`${s.hostId}-${s.address}`} className="break-words text-zinc-600 dark:text-zinc-300">
                        <span className="font-medium">{s.hostName}</span> <span className="font-mono text-xs">{s.address}</span>: {s.error ? <span className="text-amber-800 dark:text-amber-300">{s.error}</span> : s.open.length === 0 ? "no port open" : `open ${s.open.join(", ")}`}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
