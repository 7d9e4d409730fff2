import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listRoutes, pendingCleanups } from "@/lib/routes";
import { routePrerequisites } from "@/lib/overview";
import { PageHeader } from "@/components/ui/page-header";
import { NewLink } from "@/components/common/new-link";
import { ROUTES_PAGE_SIZE } from "@/components/common/page-sizes";
import { RoutesList } from "@/components/routes/routes-list";
import { Alert } from "@/components/ui/alert";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Routes" };

export default async function RoutesPage() {
  await requirePageSession();
  const initial = await listRoutes(getDb(), { limit: ROUTES_PAGE_SIZE });
  const [cleanups, setup] = await Promise.all([pendingCleanups(getDb()), routePrerequisites(getDb())]);
  return (
    <>
      <PageHeader
        title="Routes"
        description="Hostnames, and where they lead — at home and away."
        actions={<NewLink href="/routes/new">New route</NewLink>}
      />
      {cleanups.length > 0 && (
        <Alert tone="warning" title="Cleanup of deleted routes is waiting for a retry" className="mb-4">
          <ul className="space-y-1">
            {cleanups.map((c) => (
              <li key={c.routeId}>
                <span className="font-mono">{c.hostname}</span>: {c.steps.join(", ")} — {c.message}; retried <Time iso={c.nextAttemptAt.toISOString()} />.
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <RoutesList initial={initial} setup={setup} />
    </>
  );
}
