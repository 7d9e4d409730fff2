// The Hosts list at any size: the lab's counts (offline first, since that is what needs a look),
// a status filter, search by name, hostname or address, and keyset pages of 50 with "Load more".
// Live: a host's status event rewrites its row at once; the list and its counts are refetched,
// at most every few seconds, so a reconnect storm of a thousand agents is a handful of requests.
"use client";

import { useState } from "react";
import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ListError } from "@/components/common/list-error";
import { SearchInput } from "@/components/common/search-input";
import { useAgentEvents } from "@/components/agents";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import { useDebounced } from "@/lib/client/use-debounced";
import { cn } from "@/components/ui/cn";
import type { HostListFilter, HostListPage } from "@/lib/pages/schemas";
import { HostRow } from "./host-row";
import { HOSTS_PAGE_SIZE } from "./page-size";

/** Least time between two refetches of the list that host status events cause. */
export const HOSTS_LIVE_REFETCH_GAP_MS = 5_000;

const FILTERS: { value: HostListFilter | ""; label: string; count: (c: HostListPage["counts"]) => number }[] = [
  { value: "", label: "All", count: (c) => c.all },
  { value: "offline", label: "Offline", count: (c) => c.offline },
  { value: "online", label: "Online", count: (c) => c.online },
  { value: "revoked", label: "Revoked", count: (c) => c.revoked },
];

const chip = "inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";
const chipOn = "bg-indigo-600 text-white ring-indigo-600 dark:bg-indigo-500 dark:ring-indigo-500";
const chipOff = "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800";
const nf = new Intl.NumberFormat("en");

function useHostPages(params: Record<string, string>, initial: HostListPage | undefined) {
  const api = useApi();
  const queryKey = ["hosts", params] as const;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams({ ...params, limit: String(HOSTS_PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) });
      return api.get<HostListPage>(`/api/v1/hosts?${qs}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initial ? { pages: [initial], pageParams: [null] } : undefined,
    placeholderData: (prev) => prev,
  });
  return { ...query, queryKey, items: query.data?.pages.flatMap((p) => p.items) ?? [], head: query.data?.pages.at(-1) };
}

export function HostsList({ initial }: { initial: HostListPage }) {
  const qc = useQueryClient();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<HostListFilter | "">("");
  const q = useDebounced(search.trim());
  const params: Record<string, string> = { ...(q ? { q } : {}), ...(status ? { status } : {}) };
  const list = useHostPages(params, q === "" && status === "" ? initial : undefined);
  const counts = list.head?.counts ?? initial.counts;

  // The row changes at once; the list (order, filter, counts, hosts not loaded yet) follows.
  useAgentEvents({}, (e) => {
    if (e.type !== "host/status") return;
    qc.setQueriesData<InfiniteData<HostListPage>>({ queryKey: ["hosts"] }, (old) =>
      old && { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map((h) => (h.id === e.hostId ? { ...h, status: e.status } : h)) })) },
    );
  });
  useLiveRefetch({ queryKey: list.queryKey, types: ["host/status"], gapFor: () => HOSTS_LIVE_REFETCH_GAP_MS });

  const shown = list.items.length;
  const total = list.head?.total ?? 0;
  return (
    <Card>
      <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <SearchInput value={search} onChange={setSearch} label="Search hosts" placeholder="Search by name, hostname or address" />
        <div role="group" aria-label="Filter by status" className="flex flex-wrap gap-2">
          {FILTERS.filter((f) => f.value === "" || f.value === status || f.count(counts) > 0).map((f) => {
            const on = status === f.value;
            const alarming = f.value === "offline" && f.count(counts) > 0 && !on;
            return (
              <button key={f.value || "all"} type="button" aria-pressed={on} className={cn(chip, on ? chipOn : chipOff, alarming && "text-amber-800 ring-amber-400 dark:text-amber-300 dark:ring-amber-600")} onClick={() => setStatus(f.value)} data-testid={`host-filter-${f.value || "all"}`}>
                {f.label} <span className="tabular-nums">{nf.format(f.count(counts))}</span>
              </button>
            );
          })}
        </div>
        {list.isFetching && !list.isFetchingNextPage && <span className="text-xs text-zinc-500">Updating…</span>}
      </div>
      {list.isError ? (
        <ListError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <div className="space-y-3 p-5">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-12" />
          ))}
        </div>
      ) : shown === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">{q ? `No hosts match “${q}”.` : "No hosts in this state."}</p>
      ) : (
        <>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Hosts">
            {list.items.map((h) => (
              <HostRow key={h.id} host={h} />
            ))}
          </ul>
          <div className="flex items-center justify-between gap-4 border-t border-zinc-200 px-5 py-3 text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <span data-testid="hosts-shown" aria-live="polite">
              Showing {nf.format(shown)} of {nf.format(Math.max(total, shown))} host{total === 1 ? "" : "s"}
              {list.hasNextPage ? "" : " — that is all"}
            </span>
            {list.hasNextPage && (
              <Button variant="secondary" size="sm" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
