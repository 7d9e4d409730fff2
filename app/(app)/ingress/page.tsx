import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { getIngressOverview } from "@/lib/ingress";
import { listTunnels } from "@/lib/tunnel";
import { PageHeader } from "@/components/ui/page-header";
import { IngressDashboard } from "@/components/ingress/ingress-dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ingress" };

export default async function IngressPage() {
  await requirePageSession();
  const db = getDb();
  // Stored statuses first (fast, works with Caddy down); the page checks live right after.
  const [overview, tunnels] = await Promise.all([getIngressOverview(db, { live: false }), listTunnels(db)]);
  return (
    <>
      <PageHeader title="Ingress" description="The reverse proxy and tunnels that carry each Route, at home and away." />
      <IngressDashboard initial={overview} tunnels={tunnels} />
    </>
  );
}
