// The Images card (stack page and host page): each image needed on the host, missing ones first,
// with where a pull would come from (the LAN mirror, a LAN registry, or the internet). Kept current
// from the live stream: a finished deploy or the host coming and going refetches it.
"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { errorMessage, useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import type { LiveEvent } from "@/lib/events/schemas";
import type { ImageNeed, ImagePresence } from "@/lib/images/presence-schemas";

/** Least time between two refetches caused by deploys on the host. */
const REFETCH_GAP_MS = 2_000;
const LIVE_TYPES = ["deploy/status", "host/status", "stack/rollout"] as const;

/** Where a missing image would come from, in words. Pure. */
export function sourceText(i: Pick<ImageNeed, "source">, mirror: string | null): string {
  if (i.source === "mirror") return `pulls through the mirror ${mirror ?? ""}`.trim();
  if (i.source === "lan") return "pulls from a LAN registry";
  return "needs the internet to pull";
}

function PresenceBadge({ present }: { present: boolean | null }) {
  if (present === false) return <Badge tone="danger">Missing</Badge>;
  if (present === null) return <Badge tone="neutral">Unknown</Badge>;
  return <Badge tone="success">Present</Badge>;
}

function Users({ users }: { users: ImageNeed["usedBy"] }) {
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-1 text-xs">
      <span className="text-zinc-500 dark:text-zinc-400">used by</span>
      {users.map((u) => (
        <Link key={`${u.kind}-${u.id}`} href={`/${u.kind === "stack" ? "stacks" : "services"}/${u.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
          {u.kind === "stack" ? `stack ${u.name}` : u.name}
        </Link>
      ))}
    </span>
  );
}

export function ImagesCard({ path, hostId, showUsers = false }: { path: string; hostId: string | null; showUsers?: boolean }) {
  const api = useApi();
  const queryKey = ["images", path];
  const q = useQuery({ queryKey, queryFn: ({ signal }) => api.get<ImagePresence>(path, signal) });
  useLiveRefetch({
    queryKey,
    types: LIVE_TYPES,
    enabled: hostId !== null,
    gapFor: (e: LiveEvent) => {
      if (e.type === "host/status") return e.hostId === hostId ? 0 : null;
      if (e.type === "deploy/status") return e.deployment.hostId === hostId && e.deployment.status !== "running" ? REFETCH_GAP_MS : null;
      if (e.type === "stack/rollout") return e.hostId === hostId && e.rollout.status !== "running" ? REFETCH_GAP_MS : null;
      return null;
    },
  });
  return (
    <Card aria-labelledby="images-title" data-testid="images-card">
      <CardHeader
        id="images-title"
        title="Images"
        description={q.data?.hostName ? `Whether ${q.data.hostName} already holds what a deploy needs, so it needs no pull${q.data.mirror ? ` (Docker Hub images come through the mirror ${q.data.mirror})` : ""}.` : "Whether the host already holds what a deploy needs."}
      />
      {q.error != null && <Alert tone="error" className="m-5">{errorMessage(q.error)}</Alert>}
      {q.isPending ? <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">Asking the agent…</p> : q.data ? <ImagesView presence={q.data} showUsers={showUsers} /> : null}
    </Card>
  );
}

/** The card's body: the sentence that leads with what is missing, then each image. */
export function ImagesView({ presence: p, showUsers }: { presence: ImagePresence; showUsers: boolean }) {
  const missing = p.summary.missing;
  return (
    <div className="space-y-3 px-5 py-4">
      <Alert tone={missing > 0 ? (p.summary.needInternet > 0 ? "warning" : "info") : p.connected ? "success" : "info"}>
        <span data-testid="images-message">{p.message}</span>
      </Alert>
      {p.images.length > 0 && (
        <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Images needed">
          {p.images.map((i) => (
            <li key={i.image} className="flex flex-col gap-1 px-3 py-2 text-sm" data-testid="image-row" data-present={String(i.present)}>
              <span className="flex flex-wrap items-center justify-between gap-2">
                <code className="min-w-0 font-mono text-xs break-all">{i.image}</code>
                <PresenceBadge present={i.present} />
              </span>
              {i.present === false && <span className={`text-xs ${i.source === "internet" ? "text-amber-700 dark:text-amber-400" : "text-zinc-500 dark:text-zinc-400"}`}>{sourceText(i, p.mirror)}</span>}
              {showUsers && i.usedBy.length > 0 && <Users users={i.usedBy} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
