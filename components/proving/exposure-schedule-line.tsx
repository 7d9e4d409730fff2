// The Exposure page's schedule line: "Scans every N h · next around …" (from the latest report's
// start, or the first agent's enrollment before any), or that scheduled scans are off.
"use client";

import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { ExposureScheduleInfo } from "@/lib/exposure/schedule";

const HOUR_MS = 3_600_000;

/** The words (pure, for tests): `next` is when the next scan is due, when it lies ahead. */
export function scheduleParts(s: ExposureScheduleInfo, lastStartedAt: string | null, now: number = Date.now()): { text: string; next: string | null } {
  if (s.intervalHours <= 0) return { text: "Scheduled scans are off", next: null };
  const every = `Scans every ${s.intervalHours} h`;
  const from = lastStartedAt ?? s.firstEnrolledAt;
  if (!from) return { text: `${every} · the first one ${s.intervalHours} h after the first agent joins`, next: null };
  const next = new Date(from).getTime() + s.intervalHours * HOUR_MS;
  if (next <= now) return { text: `${every} · next one due now (it starts once an agent is online and no scan runs)`, next: null };
  return { text: `${every} · next around`, next: new Date(next).toISOString() };
}

export function ExposureScheduleLine({ schedule, lastStartedAt, canEdit }: { schedule: ExposureScheduleInfo; lastStartedAt: string | null; canEdit: boolean }) {
  const p = scheduleParts(schedule, lastStartedAt);
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-300" data-testid="exposure-schedule">
      {/* "due now" may flip between the server's render and the browser's; the time itself hydrates cleanly. */}
      <span suppressHydrationWarning>{p.text}</span>
      {p.next && (
        <>
          {" "}
          <Time iso={p.next} />
        </>
      )}
      {canEdit && (
        <>
          {" · "}
          <Link href="/settings#exposure-scans" className="underline">
            Change
          </Link>
        </>
      )}
    </p>
  );
}
