import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { RouteWizard } from "@/components/routes/route-wizard";
import { getDb } from "@/lib/db";
import { serviceChoices } from "@/lib/routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New route" };

export default async function NewRoutePage() {
  await requirePageSession();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader back={<BackLink href="/routes">Routes</BackLink>} title="New route" description="One hostname for a service, at home and away: choose it, review what Homeport will set up, then create and apply." />
      <RouteWizard services={await serviceChoices(getDb())} />
    </div>
  );
}
