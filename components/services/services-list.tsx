// The services table: search by name or image, "Load more" pagination, and an empty state
// that leads to creating the first service. Cards on phones, a table from `md` up.
"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { IconBox } from "@/components/ui/icons";
import { SearchablePagedList } from "@/components/common/paged-list";
import { SERVICES_PAGE_SIZE } from "@/components/common/page-sizes";
import type { Page } from "@/components/common/use-paged-list";
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
  return (
    <SearchablePagedList<ServiceView>
      resource="services"
      nouns={["service", "services"]}
      pageSize={SERVICES_PAGE_SIZE}
      initial={initial}
      searchPlaceholder="Search by name or image"
      firstRun={{
        icon: <IconBox className="size-6" />,
        text: "A service is a container Homeport keeps running on one of your hosts: its image, ports, variables and volumes.",
      }}
      columns={["Name", "Host", "Ports", "Internet", { label: "Routes", className: "text-right" }]}
      card={(s) => (
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
      )}
      cells={(s) => (
        <>
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
        </>
      )}
    />
  );
}
