// The routes table: search by hostname, "Load more", and an empty state. Cards on phones.
"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconGlobe, IconPlus } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { SearchInput } from "@/components/common/search-input";
import { LoadMore } from "@/components/common/load-more";
import { ListError } from "@/components/common/list-error";
import { ROUTES_PAGE_SIZE } from "@/components/common/page-sizes";
import { usePagedList, type Page } from "@/components/common/use-paged-list";
import { useDebounced } from "@/lib/client/use-debounced";
import type { RouteView } from "@/lib/inventory/schemas";


const EXPOSURE_BADGE: Record<RouteView["exposure"], { tone: BadgeTone; label: string }> = {
  lan: { tone: "neutral", label: "LAN" },
  remote: { tone: "accent", label: "Remote" },
  both: { tone: "success", label: "LAN + remote" },
};

export function ExposureBadge({ exposure }: { exposure: RouteView["exposure"] }) {
  const b = EXPOSURE_BADGE[exposure];
  return <Badge tone={b.tone}>{b.label}</Badge>;
}

function Target({ r }: { r: RouteView }) {
  if (r.serviceId) {
    return (
      <span>
        <Link href={`/services/${r.serviceId}`} className="font-medium hover:underline">
          {r.serviceName}
        </Link>
        <span className="text-zinc-500 dark:text-zinc-400">:{r.servicePort}</span>
      </span>
    );
  }
  return <span className="font-mono text-xs break-all">{r.upstreamUrl}</span>;
}

export function RoutesList({ initial }: { initial: Page<RouteView> }) {
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const list = usePagedList<RouteView>("routes", "/api/v1/routes", { q }, ROUTES_PAGE_SIZE, q === "" ? initial : undefined);
  const empty = list.isSuccess && list.items.length === 0;

  if (empty && q === "" && search === "") {
    return (
      <Card>
        <EmptyState
          icon={<IconGlobe className="size-6" />}
          title="No routes yet"
          action={
            <ButtonLink href="/routes/new">
              <IconPlus className="size-4" /> Create your first route
            </ButtonLink>
          }
        >
          A route gives a service one hostname that works at home and away: Homeport sets up the LAN DNS record, the reverse proxy and the tunnel together.
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <SearchInput value={search} onChange={setSearch} label="Search routes" placeholder="Search by hostname" />
        {list.isFetching && !list.isFetchingNextPage && <span className="text-xs text-zinc-500">Updating…</span>}
      </div>
      {list.isError ? (
        <ListError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <div className="space-y-3 p-5">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : empty ? (
        <p className="px-5 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">No routes match “{q}”.</p>
      ) : (
        <>
          <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800" aria-label="Routes">
            {list.items.map((r) => (
              <li key={r.id} className="px-5 py-4">
                <div className="flex items-center justify-between gap-2">
                  <Link href={`/routes/${r.id}`} className="truncate font-mono text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {r.hostname}
                  </Link>
                  <ExposureBadge exposure={r.exposure} />
                </div>
                <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                  → <Target r={r} />
                </p>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:bg-zinc-900/60 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-5 py-2.5">Hostname</th>
                  <th scope="col" className="px-5 py-2.5">Target</th>
                  <th scope="col" className="px-5 py-2.5">Exposure</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {list.items.map((r) => (
                  <tr key={r.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                    <td className="px-5 py-3">
                      <Link href={`/routes/${r.id}`} className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                        {r.hostname}
                      </Link>
                    </td>
                    <td className="px-5 py-3">
                      <Target r={r} />
                    </td>
                    <td className="px-5 py-3">
                      <ExposureBadge exposure={r.exposure} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore shown={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoad={() => list.fetchNextPage()} noun={list.items.length === 1 ? "route" : "routes"} />
        </>
      )}
    </Card>
  );
}
