// An exposure report's findings, ranked (critical first, new first), filtered by severity and category,
// each a collapsible row: the title and where it was seen, then the detail and the fix, with links to
// the host and the service.
"use client";

import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { IconChevronDown } from "@/components/ui/icons";
import type { Finding } from "@/lib/exposure/schemas";
import { countBy, filterFindings, NO_FILTER, plural, rankFindings, SEVERITY_LABEL, SEVERITY_ORDER, vantageWords, whereLine, type CategoryFilter, type FindingFilter, type SeverityFilter } from "./exposure-model";
import { NewBadge, SeverityBadge } from "./report-severity";

const linkClass = "font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300";

function FindingRow({ finding: x }: { finding: Finding }) {
  return (
    <li data-testid="finding" data-key={x.key} data-severity={x.severity} data-new={x.isNew || undefined}>
      <details className="group" open={x.severity === "critical" || undefined}>
        <summary className="flex cursor-pointer list-none items-start gap-3 px-5 py-3 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/50 [&::-webkit-details-marker]:hidden">
          <SeverityBadge severity={x.severity} className="mt-0.5" />
          <span className="min-w-0 flex-1">
            <span className="flex flex-wrap items-center gap-2">
              <span className="font-medium break-words text-zinc-900 dark:text-zinc-100" data-testid="finding-title">
                {x.title}
              </span>
              {x.isNew && <NewBadge />}
            </span>
            <span className="mt-0.5 block text-sm break-words text-zinc-500 dark:text-zinc-400" data-testid="finding-where">
              {whereLine(x)}
            </span>
          </span>
          <IconChevronDown className="mt-1 size-4 shrink-0 text-zinc-400 transition-transform group-open:rotate-180" />
        </summary>
        <div className="space-y-3 px-5 pb-4 text-sm sm:pl-24">
          <p className="break-words text-zinc-700 dark:text-zinc-300">{x.detail}</p>
          <div className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100" data-testid="finding-fix">
            <span className="font-semibold">Fix: </span>
            <span className="break-words">{x.fix}</span>
          </div>
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-zinc-600 dark:text-zinc-300">
            <span>
              Host{" "}
              <Link href={`/hosts/${x.hostId}`} className={linkClass}>
                {x.hostName}
              </Link>
            </span>
            {x.serviceId && (
              <span>
                Service{" "}
                <Link href={`/services/${x.serviceId}`} className={linkClass}>
                  {x.serviceName ?? x.containerName ?? "open"}
                </Link>
              </span>
            )}
            {!x.serviceId && x.containerName && <span>Container {x.containerName}</span>}
            {x.vantage && <span>Seen {vantageWords(x.vantage.kind)}, by {x.vantage.name}</span>}
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{x.rule}</span>
          </p>
        </div>
      </details>
    </li>
  );
}

export function ReportFindings({ findings, running = false }: { findings: Finding[]; running?: boolean }) {
  const id = useId();
  const [filter, setFilter] = useState<FindingFilter>(NO_FILTER);
  const ranked = useMemo(() => rankFindings(findings), [findings]);
  const counts = useMemo(() => countBy(findings), [findings]);
  const shown = filterFindings(ranked, filter);
  const filtered = filter.severity !== "all" || filter.category !== "all";
  return (
    <Card aria-labelledby={`${id}-title`} data-testid="report-findings">
      <CardHeader
        id={`${id}-title`}
        title="Findings"
        description={findings.length === 0 ? undefined : `${plural(findings.length, "finding")}, the worst first; open one for the detail and the fix.`}
      />
      {findings.length > 0 && (
        <div className="flex flex-wrap items-end gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
          <div className="min-w-36 flex-1 sm:flex-none">
            <Label htmlFor={`${id}-sev`} className="mb-1">Severity</Label>
            <Select id={`${id}-sev`} value={filter.severity} onChange={(e) => setFilter({ ...filter, severity: e.target.value as SeverityFilter })}>
              <option value="all">All ({findings.length})</option>
              {SEVERITY_ORDER.map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_LABEL[s]} ({counts.severity[s]})
                </option>
              ))}
            </Select>
          </div>
          <div className="min-w-36 flex-1 sm:flex-none">
            <Label htmlFor={`${id}-cat`} className="mb-1">Category</Label>
            <Select id={`${id}-cat`} value={filter.category} onChange={(e) => setFilter({ ...filter, category: e.target.value as CategoryFilter })}>
              <option value="all">All ({findings.length})</option>
              <option value="exposure">Exposure: reachable ports ({counts.category.exposure})</option>
              <option value="posture">Posture: container settings ({counts.category.posture})</option>
            </Select>
          </div>
          {filtered && (
            <Button variant="ghost" size="sm" onClick={() => setFilter(NO_FILTER)}>
              Clear filters
            </Button>
          )}
          <p className="w-full text-xs text-zinc-500 sm:ml-auto sm:w-auto dark:text-zinc-400" aria-live="polite" data-testid="findings-shown">
            {filtered ? `Showing ${shown.length} of ${findings.length}` : ""}
          </p>
        </div>
      )}
      {findings.length === 0 ? (
        <p className="px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400">{running ? "Findings appear when the scan finishes." : "No findings: every port answered as intended and no container runs with a risky setting."}</p>
      ) : shown.length === 0 ? (
        <p className="px-5 py-6 text-sm text-zinc-500 dark:text-zinc-400">No finding matches these filters.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {shown.map((x) => (
            <FindingRow key={x.key} finding={x} />
          ))}
        </ul>
      )}
    </Card>
  );
}
