// Proving ground → one exposure report (read-only): the same view as the latest, for any report in the
// history; an unknown id is the 404 page.
import { requirePageSession } from "@/lib/auth/page-session";
import { getDb, type Db } from "@/lib/db";
import { detailLoader, detailMetadata } from "@/lib/pages/detail-page";
import { getReport, listReports } from "@/lib/exposure";
import { ReportPage } from "@/components/proving/report-page";
import { HISTORY_PAGE_SIZE } from "@/components/proving/exposure-model";
import { utcTime } from "@/lib/client/format";

export const dynamic = "force-dynamic";

const loadReport = detailLoader((db: Db, id: string) => getReport(db, id));
export const generateMetadata = detailMetadata("Exposure report", loadReport, (r) => `Exposure report of ${utcTime(r.startedAt)}`);

export default async function ExposureReportPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageSession();
  const { id } = await params;
  const [report, history] = await Promise.all([loadReport(id), listReports(getDb(), { limit: HISTORY_PAGE_SIZE })]);
  return <ReportPage initial={report} history={history} />;
}
