import { requirePageSession } from "@/lib/auth/page-session";
import { detailLoader, detailMetadata } from "@/lib/pages/detail-page";
import { getRouteOrThrow, loadRouteStatus } from "@/lib/routes";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { buttonClass } from "@/components/ui/button";
import { BackLink } from "@/components/common/back-link";
import { DeleteButton } from "@/components/common/delete-button";
import { RouteForm } from "@/components/routes/route-form";
import { ExposureBadge } from "@/components/routes/routes-list";
import { serviceChoices } from "@/lib/routes";
import { RouteLive } from "@/components/routes/route-live";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

const loadRoute = detailLoader(getRouteOrThrow);
export const generateMetadata = detailMetadata("Route", loadRoute, (r) => r.hostname);

export default async function RoutePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageSession();
  const { id } = await params;
  const [route, services] = await Promise.all([loadRoute(id), serviceChoices(getDb())]);
  const status = await loadRouteStatus(getDb(), route.id);
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
            consequence={`Homeport removes the DNS records, proxy entry and tunnel rule it created for ${route.hostname}; records and config it did not create stay.`}
            />
          </>
        }
      />
      <RouteLive routeId={route.id} exposure={route.exposure} updatedAt={route.updatedAt} initial={status} />
      <h2 className="mb-3 text-lg font-semibold">Settings</h2>
      <RouteForm key={route.updatedAt} route={route} services={services} />
    </div>
  );
}
