import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { getPageSession, requirePageSession } from "@/lib/auth/page-session";
import { getRouteOrThrow } from "@/lib/inventory/routes";
import { IdParamSchema, type RouteView } from "@/lib/inventory/schemas";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { buttonClass } from "@/components/ui/button";
import { BackLink } from "@/components/common/back-link";
import { DeleteButton } from "@/components/common/delete-button";
import { RouteForm } from "@/components/routes/route-form";
import { ExposureBadge } from "@/components/routes/routes-list";
import { serviceChoices } from "@/components/routes/service-choices";
import { RoutePlan } from "@/components/routes/route-plan";

export const dynamic = "force-dynamic";

/** One lookup per request, shared by generateMetadata and the page (React cache). */
const loadRoute = cache(async (id: string): Promise<RouteView> => {
  if (!IdParamSchema.safeParse(id).success) notFound();
  try {
    return await getRouteOrThrow(getDb(), id);
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  // Names are not for signed-out visitors (the layout redirects them, but metadata resolves on its own).
  if (!(await getPageSession())) return { title: "Route" };
  const { id } = await params;
  return { title: (await loadRoute(id)).hostname };
}

export default async function RoutePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageSession();
  const { id } = await params;
  const [route, services] = await Promise.all([loadRoute(id), serviceChoices()]);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        back={<BackLink href="/routes">Routes</BackLink>}
        title={<span className="font-mono">{route.hostname}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ExposureBadge exposure={route.exposure} />
            <span>
              {route.serviceName ? `→ ${route.serviceName}:${route.servicePort}` : `→ ${route.upstreamUrl}`} · updated <Time iso={route.updatedAt} />
            </span>
          </span>
        }
        actions={
          <>
            <a href={`https://${route.hostname}/`} target="_blank" rel="noreferrer" className={buttonClass("secondary")}>
              Open <span aria-hidden="true">↗</span>
              <span className="sr-only">(new tab)</span>
            </a>
            <DeleteButton
            url={`/api/v1/routes/${route.id}`}
            noun="route"
            name={route.hostname}
            redirectTo="/routes"
            consequence={`${route.hostname} will stop resolving to this target once Homeport removes its DNS records and proxy entry.`}
            />
          </>
        }
      />
      <RoutePlan route={route} />
      <h2 className="mb-3 text-lg font-semibold">Settings</h2>
      <RouteForm key={route.updatedAt} route={route} services={services} />
    </div>
  );
}
