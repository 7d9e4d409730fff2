import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { getMatrix, listIncidents } from "@/lib/probes";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { NewLink } from "@/components/common/new-link";
import { Card, CardHeader } from "@/components/ui/card";
import { ReachabilityMatrix } from "@/components/reachability/matrix";
import { IncidentList } from "@/components/reachability/incident-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reachability" };

const OPEN_INCIDENTS_SHOWN = 10;

export default async function ReachabilityPage() {
  await requirePageSession();
  const db = getDb();
  const [matrix, open] = await Promise.all([getMatrix(db, { limit: 200 }), listIncidents(db, { limit: OPEN_INCIDENTS_SHOWN, open: true })]);
  const vantageNames = Object.fromEntries(matrix.vantages.map((v) => [v.id, v.name]));
  return (
    <>
      <PageHeader
        title="Reachability"
        description="Does each hostname work from home and from away? Every vantage point probes on its own; amber means some reach it and some do not."
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/reachability/notifications" variant="secondary">Notifications</ButtonLink>
            <NewLink href="/reachability/checks/new">Add check</NewLink>
          </div>
        }
      />
      <div className="space-y-6">
        {open.items.length > 0 && (
          <Card aria-labelledby="open-incidents">
            <CardHeader id="open-incidents" title="Ongoing incidents" />
            <IncidentList items={open.items} vantageNames={vantageNames} showCheck />
          </Card>
        )}
        <ReachabilityMatrix initial={matrix} />
      </div>
    </>
  );
}
