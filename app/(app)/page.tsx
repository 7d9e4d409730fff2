import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { getOverview } from "@/lib/overview";
import { PageHeader } from "@/components/ui/page-header";
import { NewLink } from "@/components/common/new-link";
import { PhoneRedirect } from "@/components/checkin/phone-redirect";
import { OverviewView } from "@/components/overview/overview-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const session = await requirePageSession();
  const overview = await getOverview(getDb(), session.userId);
  const greeting = overview.returning ? `Welcome back, ${session.username}.` : `Welcome, ${session.username}.`;
  return (
    <>
      <PhoneRedirect />
      <PageHeader
        title="Overview"
        description={`${greeting} What is broken comes first; the rest of your homelab follows.`}
        actions={
          <>
            <NewLink href="/routes/new" variant="secondary">
              New route
            </NewLink>
            <NewLink href="/services/new">New service</NewLink>
          </>
        }
      />
      <OverviewView initial={overview} />
    </>
  );
}
