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
import { checksInMaintenance, listMaintenance } from "@/lib/probes/maintenance";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reachability" };

const OPEN_INCIDENTS_SHOWN = 10;

export default async function ReachabilityPage() {
  await requirePageSession();
  const db = getDb();
  const [matrix, open] = await Promise.all([getMatrix(db, { limit: 200 }), listIncidents(db, { limit: OPEN_INCIDENTS_SHOWN, open: true })]);
  const vantageNames = Object.fromEntries(matrix.vantages.map((v) => [v.id, v.name]));
  const [quiet, windows] = await Promise.all([checksInMaintenance(db, matrix.rows.map((r) => r.check)), listMaintenance(db)]);
  const active = windows.filter((w) => w.state === "active");
  return (
    <>
      <PageHeader
        title="Reachability"
        description="Does each hostname work from home and from away? Every vantage point probes on its own; amber means some reach it and some do not."
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/reachability/notifications" variant="secondary">Notifications</ButtonLink>
            <ButtonLink href="/reachability/maintenance" variant="secondary">Maintenance</ButtonLink>
            <ButtonLink href="/reachability/status-pages" variant="secondary">Status pages</ButtonLink>
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
        {active.length > 0 && (
          <p role="status" className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-200">
            In maintenance: {active.map((w, i) => (
              <span key={w.id}>{i > 0 && ", "}<strong>{w.name}</strong> (until <Time iso={w.endsAt} />)</span>
            ))}. Failures are recorded; no incidents open and nobody is notified for the {quiet.size} {quiet.size === 1 ? "check" : "checks"} it covers.
          </p>
        )}
        <ReachabilityMatrix initial={matrix} maintenance={[...quiet]} />
      </div>
    </>
  );
}
