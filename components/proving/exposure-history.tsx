// The exposure reports so far, newest first: score, counts and what changed, each opening its report.
// Pages back with "Load older"; the live exposure/report event keeps it current.
"use client";

import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { IconChevronLeft } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { errorMessage, useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import type { ExposureReportPage, ExposureReportSummary } from "@/lib/exposure/schemas";
import { HISTORY_PAGE_SIZE, reportDuration, severityTone, worstSeverity } from "./exposure-model";
import { TONE_TEXT } from "./report-severity";

export const HISTORY_QUERY_KEY = ["exposure", "reports"] as const;
const LIVE_TYPES = ["exposure/report"] as const;
const atOnce = () => 0;

const COUNT_LETTERS = [
  ["critical", "C", "critical"],
  ["high", "H", "high"],
  ["medium", "M", "medium"],
  ["low", "L", "low"],
] as const;

function Row({ r, current }: { r: ExposureReportSummary; current: boolean }) {
  const tone = r.status === "done" ? severityTone(worstSeverity(r.counts)) : "neutral";
  const took = reportDuration(r);
  return (
    <li>
      <Link
        href={`/proving/reports/${r.id}`}
        aria-current={current ? "page" : undefined}
        className={cn("flex items-center gap-4 px-5 py-3 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/50", current && "bg-indigo-50/60 dark:bg-indigo-950/30")}
        data-testid="history-row"
        data-report-id={r.id}
      >
        <span className={cn("w-10 shrink-0 text-right text-2xl font-bold tabular-nums", TONE_TEXT[tone])} aria-label={r.score === null ? "no score" : `score ${r.score}`}>
          {r.score ?? "—"}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <Time iso={r.startedAt} className="font-medium text-zinc-900 dark:text-zinc-100" />
            {r.status === "running" && <Badge tone="info">Running</Badge>}
            {r.status === "failed" && <Badge tone="danger">Failed</Badge>}
            {took && <span className="text-zinc-500 dark:text-zinc-400">took {took}</span>}
          </span>
          <span className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-zinc-600 tabular-nums dark:text-zinc-300">
            {COUNT_LETTERS.map(([k, letter, word]) => (
              <span key={k} className={r.counts[k] > 0 ? undefined : "text-zinc-400 dark:text-zinc-500"}>
                <abbr title={word} className="no-underline">
                  {letter}
                </abbr>{" "}
                {r.counts[k]}
                <span className="sr-only"> {word}</span>
              </span>
            ))}
            {r.newCount > 0 && <span className="font-medium text-red-700 dark:text-red-400">+{r.newCount} new</span>}
            {r.resolvedCount > 0 && <span className="font-medium text-emerald-700 dark:text-emerald-400">−{r.resolvedCount} resolved</span>}
          </span>
        </span>
        <IconChevronLeft className="size-4 shrink-0 rotate-180 text-zinc-400" />
      </Link>
    </li>
  );
}

export function ExposureHistory({ initial, currentId }: { initial: ExposureReportPage; currentId?: string }) {
  const api = useApi();
  const q = useInfiniteQuery({
    queryKey: HISTORY_QUERY_KEY,
    queryFn: ({ pageParam, signal }) => api.get<ExposureReportPage>(`/api/v1/exposure/reports?limit=${HISTORY_PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (p) => p.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
  });
  // A scan starting or finishing changes the newest rows.
  useLiveRefetch({ queryKey: HISTORY_QUERY_KEY, types: LIVE_TYPES, gapFor: atOnce });
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return null;
  return (
    <Card aria-labelledby="exposure-history-title" data-testid="exposure-history">
      <CardHeader id="exposure-history-title" title="History" description="Every report, newest first. Open one to see its findings as they were." />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {items.map((r) => (
          <Row key={r.id} r={r} current={r.id === currentId} />
        ))}
      </ul>
      {q.isError && (
        <div className="px-5 pb-4">
          <Alert tone="error">{errorMessage(q.error)}</Alert>
        </div>
      )}
      {q.hasNextPage && (
        <div className="border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
          <Button variant="secondary" size="sm" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            Load older reports
          </Button>
        </div>
      )}
    </Card>
  );
}
