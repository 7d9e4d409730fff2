// A route's live state on its page: the four parts with their statuses (and "Apply now"), the
// three verdicts, and the LAN and remote sides vantage by vantage with fingerprints. Polls the
// status every 2.5 s while something is pending, else every 15 s.
"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Time } from "@/components/ui/time";
import { useApi, errorMessage } from "@/lib/client/api";
import { isRemote, ROUTE_PARTS, type Exposure, type RouteApplyResult, type RouteChecksRun, type RoutePlanView, type RouteStatusView, type Side, type Verdict } from "@/lib/routes/schemas";
import { PART_TITLES, PartStatusLine, RoutePlanCard } from "./route-parts";
import { HeartbeatBar } from "@/components/charts/heartbeat-bar";
import { formatPercent, plural } from "@/components/charts/scale";
import { useHeartbeats } from "@/components/charts/use-heartbeats";
import type { HeartbeatCheck } from "@/lib/probes/heartbeats";

export const FAST_POLL_MS = 2_500;
export const SLOW_POLL_MS = 15_000;

/** Poll fast while a part is being applied or a verdict waits for probes. */
export function pollInterval(s: RouteStatusView | undefined): number {
  if (!s) return FAST_POLL_MS;
  const pending = s.parts.some((p) => p.status === "pending") || Object.values(s.verdicts).some((v) => v.status === "pending");
  return pending ? FAST_POLL_MS : SLOW_POLL_MS;
}

const VERDICT_LOOK: Record<Verdict["status"], { tone: BadgeTone; label: string }> = {
  pass: { tone: "success", label: "Pass" },
  fail: { tone: "danger", label: "Fail" },
  pending: { tone: "info", label: "Waiting" },
  "not-applicable": { tone: "neutral", label: "Not applicable" },
};

const VERDICTS: { key: keyof RouteStatusView["verdicts"]; title: string }[] = [
  { key: "sameUrl", title: "Same URL at home and away" },
  { key: "worksOffline", title: "Works with the internet down" },
  { key: "exposureMatchesIntent", title: "Exposure matches intent" },
];

const SIDE_LOOK: Record<Side["status"], { tone: BadgeTone; label: string }> = { up: { tone: "success", label: "As intended" }, down: { tone: "danger", label: "Not as intended" }, unknown: { tone: "neutral", label: "No result yet" } };
const EXPECT_TEXT: Record<Side["expectation"], string> = { reachable: "should answer", unreachable: "should NOT answer (LAN only)", "not-checked": "not checked for this exposure" };

/** The side's heartbeat: its check's latest rounds from this side's vantage points (green = as intended). */
function SideHeartbeat({ title, side, check }: { title: string; side: Side; check: HeartbeatCheck | undefined }) {
  if (!check || side.expectation === "not-checked") return null;
  const ids = side.vantages.map((v) => v.id);
  const mine = check.results.filter((r) => ids.includes(r.vantageId));
  const ok = mine.filter((r) => r.ok).length;
  return (
    <div className="mt-3 space-y-1" data-testid="side-heartbeat">
      <HeartbeatBar label={`${title}: heartbeat`} results={mine} vantageIds={ids} intervalSec={check.intervalSec} pausedAt={check.pausedAt} enabled={check.enabled} maxBars={60} />
      {mine.length > 0 && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {formatPercent((ok / mine.length) * 100)} of the last {plural(mine.length, "probe")} as intended
        </p>
      )}
    </div>
  );
}

function SideColumn({ id, title, side, check }: { id: "lan" | "remote"; title: string; side: Side; check?: HeartbeatCheck }) {
  const look = SIDE_LOOK[side.status];
  return (
    <section aria-labelledby={`side-${id}-title`} data-testid={`side-${id}`} data-status={side.status} data-expectation={side.expectation} className="min-w-0 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`side-${id}-title`} className="font-semibold">
          {title}
        </h3>
        <Badge tone={look.tone}>{look.label}</Badge>
      </div>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">The route {EXPECT_TEXT[side.expectation]}.</p>
      <SideHeartbeat title={title} side={side} check={check} />
      {side.vantages.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">No vantage point has probed it from here yet.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {side.vantages.map((v) => (
            <li key={v.id} className="rounded-md bg-zinc-50 p-2 text-sm dark:bg-zinc-800/60" data-testid={`vantage-${v.id}`} data-status={v.status}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{v.name}</span>
                <Badge tone={v.status === "up" ? "success" : v.status === "down" ? "danger" : "neutral"}>{v.status}</Badge>
              </div>
              <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs text-zinc-600 dark:text-zinc-300">
                {v.errorClass && (
                  <>
                    <dt>Error</dt>
                    <dd className="break-words">
                      {v.errorClass}
                      {v.message ? ` — ${v.message}` : ""}
                    </dd>
                  </>
                )}
                {v.latencyMs !== null && (
                  <>
                    <dt>Latency</dt>
                    <dd>{v.latencyMs} ms</dd>
                  </>
                )}
                <dt>Fingerprint</dt>
                <dd className="break-all font-mono" data-testid={`fingerprint-${v.id}`}>
                  {v.fingerprint ?? "—"}
                </dd>
                {v.lastAt && (
                  <>
                    <dt>Checked</dt>
                    <dd>
                      <Time iso={v.lastAt} />
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RouteLive({ routeId, exposure, updatedAt, initial }: { routeId: string; exposure: Exposure; updatedAt: string; initial?: RouteStatusView }) {
  const api = useApi();
  const qc = useQueryClient();
  const key = ["routes", routeId, "status"];
  const status = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<RouteStatusView>(`/api/v1/routes/${routeId}/status`, signal),
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => pollInterval(q.state.data),
  });
  const apply = useMutation({
    mutationFn: () => api.post<RouteApplyResult>(`/api/v1/routes/${routeId}/apply`),
    onSettled: () => qc.invalidateQueries({ queryKey: ["routes", routeId] }),
  });
  const runChecks = useMutation({
    mutationFn: () => api.post<RouteChecksRun>(`/api/v1/routes/${routeId}/checks/run`),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
  const [showPlan, setShowPlan] = useState(false);
  const beats = useHeartbeats({ routeId });
  const mainCheck = beats.data?.checks.find((c) => c.sourceKey === `route:${routeId}`);
  const exposureCheck = beats.data?.checks.find((c) => c.sourceKey === `route:${routeId}:exposure`);
  const plan = useQuery({
    queryKey: ["routes", routeId, "plan"],
    queryFn: ({ signal }) => api.get<RoutePlanView>(`/api/v1/routes/${routeId}/plan`, signal),
    enabled: showPlan,
    staleTime: 0,
  });
  const s = status.data;
  const parts = ROUTE_PARTS.map((p) => ({ part: p, view: s?.parts.find((x) => x.part === p) }));
  const lastApply = Math.max(0, ...(s?.parts ?? []).map((p) => (p.lastAttemptAt ? Date.parse(p.lastAttemptAt) : 0)));
  const stale = lastApply > 0 && Date.parse(updatedAt) > lastApply;

  return (
    <div className="mb-6 space-y-6">
      <Card aria-labelledby="parts-title">
        <CardHeader
          id="parts-title"
          title="How this hostname is served"
          description="The four parts Homeport sets up for it, in the order it converges them."
          actions={
            <>
              <Button variant="secondary" size="sm" onClick={() => setShowPlan((v) => !v)} aria-expanded={showPlan}>
                {showPlan ? "Hide plan" : "Show plan"}
              </Button>
              <Button size="sm" onClick={() => apply.mutate()} loading={apply.isPending}>
                Apply now
              </Button>
            </>
          }
        />
        {stale && (
          <div className="px-5 pt-4">
            <Alert tone="warning" title="Changed since the last apply">
              The route was edited after its parts were applied. Apply now to bring DNS, the proxy and the tunnel in line.
            </Alert>
          </div>
        )}
        {apply.isError && (
          <div className="px-5 pt-4">
            <Alert tone="error" title="Apply failed">
              {errorMessage(apply.error)}
            </Alert>
          </div>
        )}
        {status.isError && !s && (
          <div className="px-5 py-4">
            <Alert tone="error" title="Status unavailable">
              {errorMessage(status.error)}
            </Alert>
          </div>
        )}
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {parts.map(({ part, view }) => (
            <li key={part} className="grid gap-2 px-5 py-3 sm:grid-cols-[14rem_1fr]" data-testid={`route-part-${part}`} data-status={view?.status ?? "not-applied"}>
              <div>
                <div className="font-medium">{PART_TITLES[part].title}</div>
                <div className="text-xs text-zinc-500 dark:text-zinc-400">{PART_TITLES[part].what}</div>
              </div>
              {!s ? <Skeleton className="h-5 w-40" /> : view ? <PartStatusLine p={view} /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Not applied yet — press Apply now.</p>}
            </li>
          ))}
        </ol>
      </Card>

      {showPlan && (plan.data ? <RoutePlanCard plan={plan.data} /> : plan.isError ? <Alert tone="error" title="Plan unavailable">{errorMessage(plan.error)}</Alert> : <Skeleton className="h-40 w-full" />)}

      <Card aria-labelledby="verdicts-title">
        <CardHeader
          id="verdicts-title"
          title="Verdicts"
          description="From real probes, at home and away."
          actions={
            <Button variant="secondary" size="sm" onClick={() => runChecks.mutate()} loading={runChecks.isPending}>
              Run checks now
            </Button>
          }
        />
        <CardBody className="space-y-3">
          {runChecks.isError && <Alert tone="error">{errorMessage(runChecks.error)}</Alert>}
          <ul className="grid gap-3 md:grid-cols-3">
            {VERDICTS.map(({ key: k, title }) => {
              const v = s?.verdicts[k];
              const look = v ? VERDICT_LOOK[v.status] : null;
              return (
                <li key={k} data-testid={`verdict-${k}`} data-status={v?.status ?? "pending"} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="text-sm font-medium">{title}</span>
                    {look ? <Badge tone={look.tone}>{look.label}</Badge> : <Skeleton className="h-5 w-16" />}
                  </div>
                  {v && <p className="mt-2 break-words text-sm text-zinc-600 dark:text-zinc-300">{v.reason}</p>}
                </li>
              );
            })}
          </ul>
          <div className="grid gap-3 md:grid-cols-2">
            {s ? (
              <>
                <SideColumn id="lan" title="At home (LAN)" side={s.sides.lan} check={mainCheck} />
                <SideColumn id="remote" title={isRemote(exposure) ? "Away (remote)" : "Away (must not reach it)"} side={s.sides.remote} check={isRemote(exposure) ? mainCheck : exposureCheck} />
              </>
            ) : (
              <>
                <Skeleton className="h-32 w-full" />
                <Skeleton className="h-32 w-full" />
              </>
            )}
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
