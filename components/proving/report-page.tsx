// Proving ground → one exposure report by id, read-only: the same view as the latest report, with the
// way back to Exposure and to the report it was compared with. A report still running is re-read
// until it finishes (live event, or a short poll if the stream is down).
"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { IconChevronLeft } from "@/components/ui/icons";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import type { ExposureReportPage, ExposureReportView } from "@/lib/exposure/schemas";
import { ExposureHistory } from "./exposure-history";
import { RUNNING_POLL_MS } from "./exposure-page";
import { ReportView } from "./report-view";

const LIVE_TYPES = ["exposure/report"] as const;
const linkClass = "inline-flex items-center gap-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300";

export function ReportPage({ initial, history }: { initial: ExposureReportView; history: ExposureReportPage }) {
  const api = useApi();
  const key = ["exposure", "report", initial.id] as const;
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<ExposureReportView>(`/api/v1/exposure/reports/${encodeURIComponent(initial.id)}`, signal),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "running" ? RUNNING_POLL_MS : false),
  });
  useLiveRefetch({ queryKey: key, types: LIVE_TYPES, gapFor: (e) => (e.type === "exposure/report" && e.id === initial.id ? 0 : null) });
  const r = q.data;
  const latest = history.items[0]?.id === r.id;
  return (
    <div className="space-y-6" data-testid="report-page">
      <nav aria-label="Report navigation" className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/proving" className={linkClass}>
          <IconChevronLeft className="size-4" />
          Exposure
        </Link>
        {r.diff?.previousId && (
          <Link href={`/proving/reports/${r.diff.previousId}`} className={linkClass} data-testid="previous-report">
            The report it was compared with
          </Link>
        )}
      </nav>
      <ReportView report={r} title={latest ? "Exposure report (the latest)" : "Exposure report"} />
      <ExposureHistory initial={history} currentId={r.id} />
    </div>
  );
}
