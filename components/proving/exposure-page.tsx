// Proving ground → Exposure: the latest report (server-rendered first, then kept current by the live
// `exposure/report` event, with a short poll while a scan runs in case the stream is down), the Run
// scan button, and the history. Before any report: what a scan does and the button.
"use client";

import { useCallback, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import type { ExposureReportPage, ExposureReportView } from "@/lib/exposure/schemas";
import type { ExposureScheduleInfo } from "@/lib/exposure/schedule";
import { ExposureScheduleLine } from "./exposure-schedule-line";
import { IconTarget } from "./proving-icon";
import { ExposureHistory, HISTORY_QUERY_KEY } from "./exposure-history";
import { RunScanButton } from "./exposure-run-button";
import { ScanOptionsButton } from "./exposure-scan-dialog";
import { ReportView } from "./report-view";

export const LATEST_QUERY_KEY = ["exposure", "latest"] as const;
/** While a scan runs, the report is re-read this often too, in case the live stream is down. */
export const RUNNING_POLL_MS = 2_000;
const LIVE_TYPES = ["exposure/report"] as const;
const gapFor = () => 0;

interface Notice {
  tone: "error" | "warning";
  text: string;
}

export function useLatestReport(initial: ExposureReportView | null) {
  const api = useApi();
  const q = useQuery({
    queryKey: LATEST_QUERY_KEY,
    // The newest row of the history, then its report: before any report this is an empty list, not a
    // 404 that the browser would log as a failed request.
    queryFn: async ({ signal }) => {
      const page = await api.get<ExposureReportPage>("/api/v1/exposure/reports?limit=1", signal);
      const newest = page.items[0];
      return newest ? api.get<ExposureReportView>(`/api/v1/exposure/reports/${encodeURIComponent(newest.id)}`, signal) : null;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "running" ? RUNNING_POLL_MS : false),
  });
  useLiveRefetch({ queryKey: LATEST_QUERY_KEY, types: LIVE_TYPES, gapFor });
  return q;
}

function NoReport({ action, canRun }: { action: React.ReactNode; canRun: boolean }) {
  return (
    <Card data-testid="exposure-empty">
      <EmptyState icon={<IconTarget className="size-6" />} title="No exposure report yet" action={action}>
        <p>
          A scan looks at the lab the way an attacker would. Each agent tries TCP connections to the IP addresses given to the hosts Homeport manages (the top 1,000 ports and every published port, rate-limited), from
          the LAN and from away, and reads each container&apos;s settings: privileged, host network, the Docker socket, running as root, no limits, old or <code>latest</code> images.
        </p>
        <p className="mt-2">
          It only touches Homeport&apos;s own hosts and changes nothing. The report ranks what it finds, worst first, with the fix for each.
        </p>
        {!canRun && <p className="mt-2 font-medium">Your role can read reports; an operator or admin runs the scan.</p>}
      </EmptyState>
    </Card>
  );
}

export function ExposurePage({ initialLatest, initialHistory, schedule }: { initialLatest: ExposureReportView | null; initialHistory: ExposureReportPage; schedule?: ExposureScheduleInfo }) {
  const qc = useQueryClient();
  const canRun = useCan("write");
  const isAdmin = useCan("admin");
  const q = useLatestReport(initialLatest);
  const [notice, setNotice] = useState<Notice | null>(null);
  const report = q.data;
  const running = report?.status === "running";
  const refresh = useCallback(() => {
    void qc.invalidateQueries({ queryKey: LATEST_QUERY_KEY, exact: true });
    void qc.invalidateQueries({ queryKey: HISTORY_QUERY_KEY, exact: true });
  }, [qc]);
  const onStarted = () => {
    setNotice(null);
    refresh();
  };
  const onError = (text: string, conflict: boolean) => {
    setNotice({ tone: conflict ? "warning" : "error", text });
    if (conflict) refresh();
  };
  const button = (
    <div className="flex flex-wrap items-center gap-2">
      <ScanOptionsButton running={running} onStarted={onStarted} onError={onError} />
      <RunScanButton running={running} onStarted={onStarted} onError={onError} />
    </div>
  );
  return (
    <div className="space-y-6" data-testid="exposure-page">
      {schedule && <ExposureScheduleLine schedule={schedule} lastStartedAt={report?.startedAt ?? null} canEdit={isAdmin} />}
      {notice && (
        <Alert tone={notice.tone}>
          <span data-testid="run-notice">{notice.text}</span>
        </Alert>
      )}
      {q.isError && <Alert tone="error">The latest report could not be read: {q.error.message}. It is retried when the page reconnects.</Alert>}
      {report ? (
        <>
          {running && (
            <p className="text-sm text-zinc-600 dark:text-zinc-300" role="status">
              A scan is running; this page updates when it finishes. The previous reports stay in the history below.
            </p>
          )}
          <ReportView report={report} actions={button} />
        </>
      ) : (
        <NoReport action={button} canRun={canRun} />
      )}
      <ExposureHistory initial={initialHistory} currentId={report?.id} />
    </div>
  );
}
