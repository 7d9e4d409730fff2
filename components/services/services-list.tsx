// The services table: search by name or image, "Load more" pagination, and an empty state
// that leads to creating the first service. Cards on phones, a table from `md` up.
"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconBox, IconPlus } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { SearchInput } from "@/components/common/search-input";
import { LoadMore } from "@/components/common/load-more";
import { ListError } from "@/components/common/list-error";
import { SERVICES_PAGE_SIZE } from "@/components/common/page-sizes";
import { usePagedList, type Page } from "@/components/common/use-paged-list";
import { useDebounced } from "@/lib/client/use-debounced";
import type { ServiceView } from "@/lib/inventory/schemas";


function portSummary(s: ServiceView): string {
  if (s.ports.length === 0) return "—";
  return s.ports.map((p) => (p.host ? `${p.host}→${p.container}` : `${p.container}`) + (p.protocol === "udp" ? "/udp" : "")).join(", ");
}

/** True when a port is published on every interface (reachable from the LAN). */
function onLan(s: ServiceView): boolean {
  return s.ports.some((p) => p.host !== undefined && p.hostIp === "0.0.0.0");
}

export function ServicesList({ initial }: { initial: Page<ServiceView> }) {
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const list = usePagedList<ServiceView>("services", "/api/v1/services", { q }, SERVICES_PAGE_SIZE, q === "" ? initial : undefined);
  const empty = list.isSuccess && list.items.length === 0;

  if (empty && q === "" && search === "") {
    return (
      <Card>
        <EmptyState
          icon={<IconBox className="size-6" />}
          title="No services yet"
          action={
            <ButtonLink href="/services/new">
              <IconPlus className="size-4" /> Create your first service
            </ButtonLink>
          }
        >
          A service is a container Homeport keeps running on one of your hosts: its image, ports, variables and volumes.
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <SearchInput value={search} onChange={setSearch} label="Search services" placeholder="Search by name or image" />
        {list.isFetching && !list.isFetchingNextPage && <span className="text-xs text-zinc-500">Updating…</span>}
      </div>
      {list.isError ? (
        <ListError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <div className="space-y-3 p-5">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : empty ? (
        <p className="px-5 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">No services match “{q}”.</p>
      ) : (
        <>
          <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800" aria-label="Services">
            {list.items.map((s) => (
              <li key={s.id}>
                <Link href={`/services/${s.id}`} className="block px-5 py-4 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium text-indigo-700 dark:text-indigo-300">{s.name}</span>
                    <span className="flex gap-1">
                      {onLan(s) && <Badge tone="warning">LAN</Badge>}
                      {s.egress === "offline" && <Badge tone="info">offline</Badge>}
                    </span>
                  </div>
                  <p className="mt-0.5 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{s.image}</p>
                  <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
                    {s.hostName ?? "No host"} · ports {portSummary(s)} · {s.routeCount} route{s.routeCount === 1 ? "" : "s"}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:bg-zinc-900/60 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-5 py-2.5">Name</th>
                  <th scope="col" className="px-5 py-2.5">Host</th>
                  <th scope="col" className="px-5 py-2.5">Ports</th>
                  <th scope="col" className="px-5 py-2.5">Internet</th>
                  <th scope="col" className="px-5 py-2.5 text-right">Routes</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {list.items.map((s) => (
                  <tr key={s.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                    <td className="px-5 py-3">
                      <Link href={`/services/${s.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                        {s.name}
                      </Link>
                      <p className="max-w-xs truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{s.image}</p>
                    </td>
                    <td className="px-5 py-3">{s.hostName ?? <span className="text-zinc-400">No host</span>}</td>
                    <td className="px-5 py-3 font-mono text-xs">
                      {portSummary(s)}
                      {onLan(s) && (
                        <Badge tone="warning" className="ml-2 font-sans">
                          LAN
                        </Badge>
                      )}
                    </td>
                    <td className="px-5 py-3">{s.egress === "offline" ? <Badge tone="info">offline</Badge> : <Badge>open</Badge>}</td>
                    <td className="px-5 py-3 text-right tabular-nums">{s.routeCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore shown={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoad={() => list.fetchNextPage()} noun={list.items.length === 1 ? "service" : "services"} />
        </>
      )}
    </Card>
  );
}
