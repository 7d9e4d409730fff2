import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { getCheckHistory, getCheckOrThrow, getHeartbeats, getLatencyChart, getUptime, listChannels, listIncidents, listVantages } from "@/lib/probes";
import { HEARTBEAT_RESULTS } from "@/components/charts/heartbeat-model";
import { DomainError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { LiveCheckStatus } from "@/components/reachability/live-check-status";
import { CheckCharts } from "@/components/reachability/check-charts";
import { IncidentList } from "@/components/reachability/incident-list";
import { LiveResultsTable } from "@/components/reachability/results-table";
import { CheckForm } from "@/components/reachability/check-form";
import { PushUrlPanel } from "@/components/reachability/check-editors/push-url";
import { DeleteButton } from "@/components/common/delete-button";
import { ButtonLink } from "@/components/ui/button";
import { PauseButton } from "@/components/reachability/check-actions";
import { checksInMaintenance } from "@/lib/probes/maintenance";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Check" };

const RECENT_RESULTS = 25;
const INCIDENTS_SHOWN = 25;

async function load(id: string) {
  const db = getDb();
  try {
    const check = await getCheckOrThrow(db, id);
    const [vantages, uptime, chart, beats, incidents, history, channels] = await Promise.all([
      listVantages(db),
      getUptime(db, id),
      getLatencyChart(db, id, "24h"),
      getHeartbeats(db, { ids: [id], limit: HEARTBEAT_RESULTS, uptime: "all" }),
      listIncidents(db, { limit: INCIDENTS_SHOWN, checkId: id }),
      getCheckHistory(db, id, { limit: RECENT_RESULTS }),
      listChannels(db),
    ]);
    return { check, vantages, uptime, chart, heartbeat: beats.checks[0] ?? null, incidents, history, channels };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") notFound();
    throw err;
  }
}

export default async function CheckPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageSession();
  const { id } = await params;
  if (!/^[a-z0-9]{8,40}$/i.test(id)) notFound();
  const { check, vantages, uptime, chart, heartbeat, incidents, history, channels } = await load(id);
  const vantageNames = Object.fromEntries(vantages.map((v) => [v.id, v.name]));
  const inMaintenance = (await checksInMaintenance(getDb(), [check])).has(check.id);
  return (
    <>
      <PageHeader
        back={<Link href="/reachability" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">← Reachability</Link>}
        title={check.name}
        description={
          <>
            <span className="font-mono break-all">{check.description}</span>
            {check.pausedAt ? (
              <span role="status" className="mt-1 block text-zinc-700 dark:text-zinc-300">
                Paused{check.pausedBy ? ` by ${check.pausedBy}` : ""} <Time iso={check.pausedAt} />: not probed, no incidents, no notifications.
              </span>
            ) : inMaintenance ? (
              <span role="status" className="mt-1 block text-sky-800 dark:text-sky-300">In maintenance: failures are recorded, but no incident opens and nobody is notified.</span>
            ) : null}
            {(check.groupName || check.tags.length > 0) && (
              <span className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400">
                {check.groupName ? `Group ${check.groupName}` : ""}
                {check.groupName && check.tags.length ? " · " : ""}
                {check.tags.map((t) => `#${t}`).join(" ")}
              </span>
            )}
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {check.pausedAt ? (
              <span className="inline-flex items-center gap-1.5 rounded-md bg-zinc-100 px-2 py-1 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-800 dark:text-zinc-400 dark:ring-zinc-700">Paused</span>
            ) : (
              <LiveCheckStatus checkId={check.id} initial={check.status} />
            )}
            <PauseButton checkId={check.id} name={check.name} paused={check.pausedAt !== null} />
            <ButtonLink href="#edit" variant="secondary">
              Edit
            </ButtonLink>
            <DeleteButton
              url={`/api/v1/checks/${check.id}`}
              noun="check"
              name={check.name}
              redirectTo="/reachability"
              consequence={
                check.source === "manual"
                  ? "Its results, history and incidents are removed. This cannot be undone."
                  : `This is an automatic check of a ${check.source}: it is created again the next time the ${check.source}s are synced. To stop probing it, untick “Enabled” instead.`
              }
            />
          </div>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
        {[
          ["Every", `${check.intervalSec} s`],
          ["Timeout", `${check.timeoutMs} ms`],
          ["Retries", String(check.retries)],
          ["Expect", check.expectation === "unreachable" ? "unreachable (exposure check)" : "reachable"],
          ["From", check.vantages.length ? check.vantages.map((v) => vantageNames[v] ?? v.replace("kind:", "all ")).join(", ") : "all vantage points"],
        ].map(([k, v]) => (
          <div key={k} className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{k}</dt>
            <dd className="truncate font-medium text-zinc-900 dark:text-zinc-100">{v}</dd>
          </div>
        ))}
      </dl>
      {check.type === "push" && <PushUrlPanel checkId={check.id} intervalSec={check.intervalSec} />}
      <div className="space-y-6">
        <CheckCharts checkId={check.id} vantages={vantages} intervalSec={check.intervalSec} initial={{ uptime, ...chart }} initialBeats={heartbeat} />
        <Card aria-labelledby="incidents">
          <CardHeader id="incidents" title="Incidents" description="Periods when the check was down or degraded, and the vantage points that saw it." />
          <IncidentList items={incidents.items} vantageNames={vantageNames} />
        </Card>
        <Card aria-labelledby="recent">
          <CardHeader id="recent" title="Recent results" />
          <LiveResultsTable checkId={check.id} limit={RECENT_RESULTS} initial={history.items} vantageNames={vantageNames} />
        </Card>
        <section id="edit" aria-labelledby="edit-title" className="scroll-mt-20 space-y-3">
          <h2 id="edit-title" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
            Edit check
          </h2>
          <CheckForm
            key={check.updatedAt}
            check={check}
            vantages={vantages.map((v) => ({ id: v.id, name: v.name, kind: v.kind, enabled: v.enabled }))}
            channels={channels.map((c) => ({ id: c.id, name: c.name, kind: c.kind, enabled: c.enabled }))}
          />
        </section>
      </div>
    </>
  );
}
