// One game day's result: the prediction next to what the checks saw per route and service (which
// vantage went red, time to detect, time to recover after the revert), surprises first, then the
// timeline. While it runs: the countdown and Abort lead, and the page follows the live stream.
"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { IconChevronLeft } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import type { LiveEvent } from "@/lib/events/schemas";
import type { GameDayView, OutcomeItem, TimelineEntry } from "@/lib/gamedays/schemas";
import { formatDuration, formatMs, isActive, KIND_LABEL, STATUS_LABEL, statusTone } from "./gameday-model";
import { SideBadge } from "./gameday-plan";
import { RunningGameDay } from "./gameday-running";

const LIVE_TYPES = ["gameday/status", "checks/results", "incident/opened", "incident/resolved"] as const;
/** Check results arrive often: the page re-reads at most this often for them. */
const CHECKS_GAP_MS = 3_000;
/** While it runs, also re-read this often (the countdown ends, reverts arrive) in case the stream is down. */
const ACTIVE_POLL_MS = 5_000;

function Outcome({ items }: { items: OutcomeItem[] }) {
  if (items.length === 0) return <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-300">Nothing Homeport knows of was predicted to change.</p>;
  const order = (i: OutcomeItem) => (i.matches === false ? 0 : i.failedVantages.length ? 1 : i.matches === null ? 3 : 2);
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="gameday-outcome">
      {[...items].sort((a, b) => order(a) - order(b)).map((i) => (
        <li key={`${i.type}:${i.id}`} className="grid gap-2 px-5 py-3 sm:grid-cols-[1fr_auto]" data-testid="gameday-outcome-row">
          <div className="min-w-0">
            <p className="text-sm font-medium break-all">
              <span className="mr-2 text-xs font-normal tracking-wide text-zinc-500 uppercase">{i.type}</span>
              {i.name}
            </p>
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              {i.failedVantages.length ? `Went red from ${i.failedVantages.length} vantage point${i.failedVantages.length === 1 ? "" : "s"}; detected after ${formatMs(i.detectMs)}` : "No check failed during the fault"}
              {i.recovered === true && `; green again ${formatMs(i.recoverMs)} after the revert`}
              {i.recovered === false && "; not green again yet"}
            </p>
          </div>
          <div className="grid grid-cols-[auto_auto_auto] items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
            <span />
            <span>predicted</span>
            <span>observed</span>
            <span>home</span>
            <SideBadge side={i.predicted.lan} label="predicted from home" />
            <SideBadge side={i.observed.lan} label="observed from home" />
            <span>away</span>
            <SideBadge side={i.predicted.away} label="predicted from away" />
            <SideBadge side={i.observed.away} label="observed from away" />
            <span className="col-span-3 mt-1">
              {i.matches === true && <Badge tone="success">as predicted</Badge>}
              {i.matches === false && <Badge tone="danger">not as predicted</Badge>}
              {i.matches === null && <Badge>no check data</Badge>}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

const TIMELINE_TONE: Partial<Record<TimelineEntry["kind"], string>> = {
  "check-down": "bg-red-500",
  refused: "bg-red-500",
  incident: "bg-red-500",
  "check-up": "bg-emerald-500",
  reverted: "bg-emerald-500",
  ended: "bg-zinc-500",
  abort: "bg-amber-500",
  deadline: "bg-amber-500",
};

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="space-y-2 px-5 py-4" data-testid="gameday-timeline">
      {entries.map((e, n) => (
        <li key={`${e.at}-${n}`} className="flex gap-3 text-sm">
          <span className={`mt-1.5 size-2 shrink-0 rounded-full ${TIMELINE_TONE[e.kind] ?? "bg-indigo-500"}`} aria-hidden="true" />
          <span className="w-20 shrink-0 font-mono text-xs text-zinc-500 tabular-nums">{e.at.slice(11, 19)}</span>
          <span className="min-w-0 break-words">{e.text}</span>
        </li>
      ))}
    </ol>
  );
}

export function GameDayDetail({ initial }: { initial: GameDayView }) {
  const api = useApi();
  const key = ["gamedays", "one", initial.id] as const;
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<GameDayView>(`/api/v1/gamedays/${encodeURIComponent(initial.id)}`, signal),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data.status) ? ACTIVE_POLL_MS : false),
  });
  useLiveRefetch({ queryKey: key, types: LIVE_TYPES, gapFor: (e: LiveEvent) => (e.type === "gameday/status" ? (e.id === initial.id ? 0 : null) : CHECKS_GAP_MS) });
  const g = q.data;
  const o = g.outcome;
  return (
    <div className="space-y-6" data-testid="gameday-detail">
      <Link href="/proving/game-days" className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        <IconChevronLeft className="size-4" /> All game days
      </Link>
      {isActive(g.status) && <RunningGameDay g={g} />}
      {q.isError && <Alert tone="error">This game day could not be re-read: {q.error.message}</Alert>}
      <Card>
        <CardHeader
          title={<span className="break-words">{g.title}</span>}
          description={
            <>
              {KIND_LABEL[g.kind]} for {formatDuration(g.durationSec)} on {g.hosts.map((h) => h.name).join(", ")}, started by {g.actor} {g.startedAt && <Time iso={g.startedAt} />}
              {g.endedAt && (
                <>
                  , ended <Time iso={g.endedAt} />
                </>
              )}
            </>
          }
          actions={<Badge tone={statusTone(g.status)}><span data-testid="gameday-status">{STATUS_LABEL[g.status]}</span></Badge>}
        />
        <CardBody className="space-y-2">
          {g.error && <Alert tone="error" title="Failed">{g.error}</Alert>}
          <p className="text-sm" data-testid="gameday-score">
            {o.mismatched > 0 ? `${o.mismatched} surprise${o.mismatched === 1 ? "" : "s"}: ` : ""}
            {o.matched} as predicted, {o.mismatched} not as predicted, {o.unobserved} without check data.
          </p>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Prediction and reality" description="Per route and service: what the plan said from home and from away, and what the checks saw during the fault." />
        <Outcome items={o.items} />
      </Card>
      <Card>
        <CardHeader title="Timeline" description="Start, each agent's answer, every check going red or green, the reverts and the end." />
        <Timeline entries={g.timeline} />
      </Card>
    </div>
  );
}
