// Proving ground → Exposure: the latest exposure report and its history, server-rendered first (the
// layout renders the header and tabs); the client keeps them current from the live stream.
import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db";
import { exposureScheduleInfo, getLatestReport, listReports } from "@/lib/exposure";
import { ExposurePage } from "@/components/proving/exposure-page";
import { HISTORY_PAGE_SIZE } from "@/components/proving/exposure-model";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exposure" };

export default async function ProvingExposurePage() {
  await requirePageSession();
  const db = getDb();
  const [latest, history, schedule] = await Promise.all([getLatestReport(db), listReports(db, { limit: HISTORY_PAGE_SIZE }), exposureScheduleInfo(db)]);
  return <ExposurePage initialLatest={latest} initialHistory={history} schedule={schedule} />;
}
