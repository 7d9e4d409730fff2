import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listRoutes } from "@/lib/inventory/routes";
import { PageHeader } from "@/components/ui/page-header";
import { NewLink } from "@/components/common/new-link";
import { ROUTES_PAGE_SIZE } from "@/components/common/page-sizes";
import { RoutesList } from "@/components/routes/routes-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Routes" };

export default async function RoutesPage() {
  await requirePageSession();
  const initial = await listRoutes(getDb(), { limit: ROUTES_PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Routes"
        description="Hostnames, and where they lead — at home and away."
        actions={<NewLink href="/routes/new">New route</NewLink>}
      />
      <RoutesList initial={initial} />
    </>
  );
}
