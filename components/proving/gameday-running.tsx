// The game day in force, leading its pages: what it does, the countdown to the deadline at which
// the agents revert by themselves, and the Abort button (admin).
"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage, useApi } from "@/lib/client/api";
import type { GameDayRowView } from "@/lib/gamedays/schemas";
import { countdown } from "./gameday-model";

/** The current time, ticking every second while mounted; null until mounted (no clock in the server render). */
export function useNow(enabled = true): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const t = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [enabled]);
  return now;
}

export function RunningGameDay({ g, link }: { g: GameDayRowView; link?: React.ReactNode }) {
  const api = useApi();
  const qc = useQueryClient();
  const canAbort = useCan("admin");
  const now = useNow(g.status === "running");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = async () => {
    setPending(true);
    setError(null);
    try {
      await api.post(`/api/v1/gamedays/${encodeURIComponent(g.id)}/abort`);
      await qc.invalidateQueries({ queryKey: ["gamedays"] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-label="Game day in progress" className="rounded-xl border-2 border-amber-400 bg-amber-50 p-4 dark:border-amber-500/70 dark:bg-amber-950/30" data-testid="gameday-running">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-amber-800 uppercase dark:text-amber-300">{g.status === "running" ? "Game day in progress" : "Reverting"}</p>
          <p className="mt-0.5 font-medium break-words">{g.title}</p>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {g.status === "running" ? (
              <>
                The agents revert it by themselves in{" "}
                <span className="font-mono text-base font-semibold tabular-nums" role="timer" aria-live="off" data-testid="gameday-countdown">
                  {countdown(g.deadlineAt, now)}
                </span>
              </>
            ) : (
              "Waiting for every agent to confirm its revert."
            )}
          </p>
          {link}
        </div>
        {canAbort && g.status === "running" && (
          <Button variant="danger" onClick={() => void abort()} disabled={pending} data-testid="gameday-abort">
            {pending ? "Aborting…" : "Abort now"}
          </Button>
        )}
      </div>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
    </section>
  );
}
