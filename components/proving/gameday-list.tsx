// Proving ground → Game days: the one in force first (countdown, Abort), "New game day" for admins,
// and the history; kept current by the live `gameday/status` event.
"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import type { GameDayRowView } from "@/lib/gamedays/schemas";
import { IconTarget } from "./proving-icon";
import { formatDuration, isActive, KIND_LABEL, STATUS_LABEL, statusTone } from "./gameday-model";
import { NewGameDay } from "./gameday-new";
import { RunningGameDay } from "./gameday-running";

export const LIST_QUERY_KEY = ["gamedays", "list"] as const;
const LIVE_TYPES = ["gameday/status"] as const;
const atOnce = () => 0;

function HistoryRow({ g }: { g: GameDayRowView }) {
  return (
    <li>
      <Link href={`/proving/game-days/${g.id}`} className="flex flex-col gap-1 px-5 py-3 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 sm:flex-row sm:items-center sm:gap-4 dark:hover:bg-zinc-800/50" data-testid="gameday-row">
        <span className="min-w-0 flex-1">
          <span className="block text-sm font-medium break-words">{g.title}</span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            {KIND_LABEL[g.kind]} · {formatDuration(g.durationSec)} · by {g.actor} · <Time iso={g.startedAt ?? g.createdAt} />
          </span>
          {g.error && <span className="block text-xs text-red-700 dark:text-red-400">{g.error}</span>}
        </span>
        <span className="flex shrink-0 items-center gap-2">
          {g.mismatched !== null && g.mismatched > 0 && <Badge tone="warning">{g.mismatched} surprise{g.mismatched === 1 ? "" : "s"}</Badge>}
          <Badge tone={statusTone(g.status)}>{STATUS_LABEL[g.status]}</Badge>
        </span>
      </Link>
    </li>
  );
}

export function GameDayList({ initial }: { initial: GameDayRowView[] }) {
  const api = useApi();
  const isAdmin = useCan("admin");
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: LIST_QUERY_KEY, queryFn: async ({ signal }) => (await api.get<{ items: GameDayRowView[] }>("/api/v1/gamedays", signal)).items, initialData: initial });
  useLiveRefetch({ queryKey: LIST_QUERY_KEY, types: LIVE_TYPES, gapFor: atOnce });
  const items = q.data;
  const active = items.find((g) => isActive(g.status));
  return (
    <div className="space-y-6" data-testid="gamedays-page">
      {q.isError && <Alert tone="error">The game days could not be read: {q.error.message}</Alert>}
      {active && (
        <RunningGameDay
          g={active}
          link={
            <Link href={`/proving/game-days/${active.id}`} className="mt-1 inline-block text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
              Watch what the checks see
            </Link>
          }
        />
      )}
      {isAdmin && !active && !creating && (
        <div>
          <Button onClick={() => setCreating(true)} data-testid="gameday-new-button">
            New game day
          </Button>
        </div>
      )}
      {creating && !active && <NewGameDay onClose={() => setCreating(false)} />}
      {items.length === 0 ? (
        <Card>
          <EmptyState icon={<IconTarget className="size-6" />} title="No game day yet">
            <p>
              A game day breaks something for real — the internet, a service, an agent&apos;s link, DNS, the tunnel — for a set time, and records what the checks saw next to what Homeport predicted. Every fault has a dead-man&apos;s switch on the agent: it reverts at the deadline even if Homeport is down.
            </p>
            {!isAdmin && <p className="mt-2 font-medium">Your role can read game days; an admin starts them.</p>}
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <CardHeader title="History" />
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {items.map((g) => (
              <HistoryRow key={g.id} g={g} />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
