// DNS: plan, apply and drift of the records Homeport derives from routes, per zone and provider.
import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/page-session";
import { getDb } from "@/lib/db";
import { listProviders, listZones } from "@/lib/dns";
import { PageHeader } from "@/components/ui/page-header";
import { DnsPage } from "@/components/dns/dns-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "DNS" };

export default async function DnsRoute() {
  const session = await requirePageSession();
  const db = getDb();
  const [providers, zones] = await Promise.all([listProviders(db), listZones(db)]);
  return (
    <>
      <PageHeader title="DNS" description="Split-horizon records for every route: review the plan, apply it, and catch hand edits." />
      <DnsPage providers={providers} zones={zones} canAdmin={session.role === "admin"} />
    </>
  );
}
