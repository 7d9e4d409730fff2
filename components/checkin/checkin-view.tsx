// The phone-first check-in page: a status banner that answers "is everything fine?" at a glance,
// then the sections in order of urgency, and a bottom bar with the connection state and the age
// of what is shown. Data that is not fresh from the server is always labelled as last known.
"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { IconAlert, IconCheck } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { errorMessage } from "@/lib/client/api";
import type { CheckInSummary } from "@/lib/checkin/schemas";
import { useCheckIn, type CheckInMode } from "./use-checkin";
import { useLiveEvents } from "@/lib/client/live";
import { StatusBar } from "./status-bar";
import { Sections } from "./sections";
import { PushHint } from "./push-hint";
import { ageText, clockTime, useNow } from "./freshness";

/** Ages in the sections move in steps of seconds to minutes; the stale notice's every second. */
const AGE_TICK_MS = 5_000;
const NOTICE_TICK_MS = 1_000;

function StaleNotice({ mode, error, fetchedAt }: { mode: CheckInMode; error: unknown; fetchedAt: number }) {
  const now = useNow(NOTICE_TICK_MS) ?? fetchedAt;
  return (
    <Alert tone={mode === "error" ? "error" : "warning"} className="mb-4 text-base">
      <span data-testid="stale-notice">
        {mode === "offline" ? "Offline — " : mode === "error" ? `${errorMessage(error)} — ` : "Updating — "}
        showing what was known at {clockTime(fetchedAt, false)}, {ageText(now - fetchedAt)}.
      </span>
    </Alert>
  );
}

function Banner({ summary, stale }: { summary: CheckInSummary; stale: boolean }) {
  const Icon = summary.verdict === "fine" ? IconCheck : IconAlert;
  const tone = stale
    ? "border-2 border-dashed border-zinc-500 bg-zinc-100 text-zinc-900 dark:border-zinc-400 dark:bg-zinc-800 dark:text-zinc-50"
    : summary.verdict === "fine" ? "bg-emerald-700 text-white"
    : summary.verdict === "trouble" ? "bg-red-700 text-white"
    : "bg-amber-300 text-zinc-950";
  return (
    <div className={cn("flex items-center gap-4 rounded-2xl px-5 py-5 shadow-sm", tone)} data-testid="checkin-banner" data-verdict={summary.verdict} data-stale={stale || undefined}>
      <Icon className="size-10 shrink-0" />
      <div className="min-w-0">
        {stale && <p className="text-sm font-semibold uppercase tracking-wide">Last known</p>}
        <p className="text-2xl leading-tight font-bold sm:text-3xl">{summary.headline}</p>
      </div>
    </div>
  );
}

export function CheckInView({ username }: { username: string }) {
  const { shown, mode, error, refetch, refetching, onEvent, firstCheckIn } = useCheckIn(username);
  // The page's live stream: every (re)open refetches what may have changed meanwhile.
  const stream = useLiveEvents({ onOpen: refetch, onEvent });
  const now = useNow(AGE_TICK_MS) ?? shown?.fetchedAt ?? 0;
  useEffect(() => {
    // Opened from a notification (…/check-in#incident-<id>): bring that incident into view.
    if (!shown || !window.location.hash.startsWith("#incident-")) return;
    document.getElementById(window.location.hash.slice(1))?.scrollIntoView({ block: "center" });
  }, [shown]);

  const stale = mode !== "live";
  return (
    <div className="mx-auto max-w-2xl pb-28">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-zinc-950 dark:text-zinc-50">Check-in</h1>
        <Link href="/?full=1" className="inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold text-indigo-800 underline-offset-2 hover:underline dark:text-indigo-300">
          Full dashboard
        </Link>
      </div>

      {shown && stale && <StaleNotice mode={mode} error={error} fetchedAt={shown.fetchedAt} />}
      {!shown && mode === "offline" && <Alert tone="warning" className="mb-4 text-base">Offline — Homeport cannot be reached and nothing is stored on this device yet.</Alert>}
      {!shown && mode === "error" && <Alert tone="error" className="mb-4">{errorMessage(error)}</Alert>}

      {shown ? (
        <div className="space-y-4">
          <Banner summary={shown.summary} stale={stale} />
          <Sections summary={shown.summary} stale={stale} now={now} firstCheckIn={firstCheckIn} onChanged={refetch} />
          <PushHint offline={stale} />
        </div>
      ) : (
        mode === "updating" && (
          <div className="space-y-4" aria-busy="true">
            <Skeleton className="h-24 w-full rounded-2xl" />
            <Skeleton className="h-40 w-full rounded-xl" />
          </div>
        )
      )}

      <StatusBar fetchedAt={shown?.fetchedAt ?? null} mode={mode} stream={stream.status} refreshing={refetching} onRefresh={refetch} />
    </div>
  );
}
