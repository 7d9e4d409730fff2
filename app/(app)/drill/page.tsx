import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { PageHeader } from "@/components/ui/page-header";
import { DrillReportView } from "@/components/routes/drill-report";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Internet-down drill" };

export default async function DrillPage() {
  await requirePageSession();
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title="Internet-down drill" description="What still works at home if the internet goes away: routes, services and LAN DNS, checked from what Homeport knows. Nothing is sent to the internet." />
      <DrillReportView />
    </div>
  );
}
