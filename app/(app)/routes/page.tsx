import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listRoutes } from "@/lib/inventory/routes";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { IconPlus } from "@/components/ui/icons";
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
        actions={
          <ButtonLink href="/routes/new">
            <IconPlus className="size-4" /> New route
          </ButtonLink>
        }
      />
      <RoutesList initial={initial} />
    </>
  );
}
