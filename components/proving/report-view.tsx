// One exposure report, whole: the summary first (score, counts, diff), then the findings, what was
// resolved and what each vantage point scanned. The same view serves the latest report and old ones.
"use client";

import type { ExposureReportView } from "@/lib/exposure/schemas";
import { ReportFindings } from "./report-findings";
import { ReportResolved, ReportScans } from "./report-scans";
import { ReportSummary } from "./report-summary";

export function ReportView({ report, actions, title }: { report: ExposureReportView; actions?: React.ReactNode; title?: string }) {
  const running = report.status === "running";
  return (
    <div className="space-y-6" data-testid="exposure-report" data-report-id={report.id}>
      <ReportSummary report={report} actions={actions} title={title} />
      <ReportFindings findings={report.findings} running={running} />
      <ReportResolved diff={report.diff} />
      <ReportScans scans={report.scans} running={running} />
    </div>
  );
}
