// The services list with state: broken first by default; filters (state, host, tag, group), sort,
// search, "Load more" keyset pages, bulk actions on selected rows (hidden from viewers), kept
// current by the live stream. Cards on phones, a table from `md` up.
"use client";

import Link from "next/link";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { IconBox } from "@/components/ui/icons";
import { NewLink } from "@/components/common/new-link";
import { PagedListBody } from "@/components/common/paged-list";
import { SearchInput } from "@/components/common/search-input";
import { SERVICES_PAGE_SIZE } from "@/components/common/page-sizes";
import { usePagedList, type Page } from "@/components/common/use-paged-list";
import { useCan } from "@/components/auth/role-context";
import { useLiveRefetch } from "@/lib/client/live";
import { useDebounced } from "@/lib/client/use-debounced";
import { formatBytes, formatPercent } from "@/lib/client/format";
import { STATE_KIND_LABELS, SERVICE_STATE_KINDS, type ServiceRow, type ServiceSort } from "@/lib/inventory/service-state";
import type { BulkResult } from "@/lib/agents/schemas";
import { ServiceStateBadge, Uptime } from "./service-state-badge";
import { BulkActions, BulkOutcome } from "./bulk-actions";

const SORTS: { value: ServiceSort; label: string }[] = [
  { value: "attention", label: "Broken first" },
  { value: "name", label: "Name" },
  { value: "cpu", label: "CPU (highest)" },
  { value: "memory", label: "Memory (highest)" },
  { value: "uptime", label: "Uptime (newest)" },
];

export interface ServiceListChoices {
  hosts: { id: string; name: string }[];
  tags: string[];
  groups: string[];
}

function portSummary(s: ServiceRow): string | null {
  if (s.ports.length === 0) return null;
  return s.ports.map((p) => (p.host ? `${p.host}→${p.container}` : `${p.container}`) + (p.protocol === "udp" ? "/udp" : "")).join(", ");
}

/** Published on every interface: reachable from the LAN. */
const onLan = (s: ServiceRow) => s.ports.some((p) => p.host !== undefined && p.hostIp === "0.0.0.0");

function usage(s: ServiceRow) {
  const { cpuPercent: cpu, memoryBytes: mem, memoryLimitBytes: limit } = s.status;
  return { cpu: cpu === null ? "—" : formatPercent(cpu), mem: mem === null ? "—" : formatBytes(mem), memTitle: mem !== null && limit ? `of ${formatBytes(limit)}` : undefined };
}

function Labels({ s }: { s: ServiceRow }) {
  if (s.tags.length === 0 && !s.groupName) return null;
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {s.groupName && <Badge tone="accent">{s.groupName}</Badge>}
      {s.tags.map((t) => (
        <Badge key={t}>#{t}</Badge>
      ))}
    </span>
  );
}

const selectClass = "h-9 text-sm sm:w-auto";

export function ServicesList({ initial, choices }: { initial: Page<ServiceRow>; choices: ServiceListChoices }) {
  const canWrite = useCan("write");
  const qc = useQueryClient();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const [f, setF] = useState({ sort: "attention" as ServiceSort, state: "", hostId: "", tag: "", group: "" });
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [outcome, setOutcome] = useState<BulkResult | null>(null);
  const params = { q, ...f };
  const isDefault = q === "" && f.state === "" && f.hostId === "" && f.tag === "" && f.group === "" && f.sort === "attention";
  const list = usePagedList<ServiceRow>("services", "/api/v1/services", params, SERVICES_PAGE_SIZE, isDefault ? initial : undefined);
  useLiveRefetch({ queryKey: ["services"], types: ["container/state", "container/removed", "deploy/status", "host/status", "host/snapshot"], gapFor: () => 2000 });

  const toggle = (s: ServiceRow) =>
    setSelected((m) => {
      const next = new Map(m);
      if (next.has(s.id)) next.delete(s.id);
      else next.set(s.id, s.name);
      return next;
    });
  const allShown = list.items.length > 0 && list.items.every((s) => selected.has(s.id));
  const toggleAll = () => setSelected(allShown ? new Map() : new Map(list.items.map((s) => [s.id, s.name])));

  if (list.isSuccess && list.items.length === 0 && isDefault) {
    return (
      <Card>
        <EmptyState icon={<IconBox className="size-6" />} title="No services yet" action={canWrite ? <NewLink href="/services/new">Create your first service</NewLink> : undefined}>
          A service is a container Homeport keeps running on one of your hosts: its image, ports, variables and volumes.
        </EmptyState>
      </Card>
    );
  }

  const check = (s: ServiceRow) =>
    canWrite && <input type="checkbox" className="size-4 accent-indigo-600" aria-label={`Select ${s.name}`} checked={selected.has(s.id)} onChange={() => toggle(s)} />;

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <SearchInput value={search} onChange={setSearch} label="Search services" placeholder="Search by name or image" />
        <Select aria-label="Filter by state" className={selectClass} value={f.state} onChange={(e) => setF({ ...f, state: e.target.value })}>
          <option value="">Any state</option>
          <option value="broken">Needs attention</option>
          {SERVICE_STATE_KINDS.map((k) => (
            <option key={k} value={k}>{STATE_KIND_LABELS[k]}</option>
          ))}
        </Select>
        {choices.hosts.length > 1 && (
          <Select aria-label="Filter by host" className={selectClass} value={f.hostId} onChange={(e) => setF({ ...f, hostId: e.target.value })}>
            <option value="">Any host</option>
            {choices.hosts.map((h) => (
              <option key={h.id} value={h.id}>{h.name}</option>
            ))}
          </Select>
        )}
        {choices.tags.length > 0 && (
          <Select aria-label="Filter by tag" className={selectClass} value={f.tag} onChange={(e) => setF({ ...f, tag: e.target.value })}>
            <option value="">Any tag</option>
            {choices.tags.map((t) => (
              <option key={t} value={t}>#{t}</option>
            ))}
          </Select>
        )}
        {choices.groups.length > 0 && (
          <Select aria-label="Filter by group" className={selectClass} value={f.group} onChange={(e) => setF({ ...f, group: e.target.value })}>
            <option value="">Any group</option>
            {choices.groups.map((g) => (
              <option key={g} value={g}>{g}</option>
            ))}
          </Select>
        )}
        <Select aria-label="Sort by" className={selectClass} value={f.sort} onChange={(e) => setF({ ...f, sort: e.target.value as ServiceSort })}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>Sort: {s.label}</option>
          ))}
        </Select>
        {canWrite && list.items.length > 0 && (
          <label className="flex items-center gap-2 text-sm md:hidden">
            <input type="checkbox" className="size-4 accent-indigo-600" checked={allShown} onChange={toggleAll} /> Select all
          </label>
        )}
        {list.isFetching && !list.isFetchingNextPage && <span className="text-xs text-zinc-500">Updating…</span>}
      </div>
      {canWrite && selected.size > 0 && (
        <BulkActions
          selected={[...selected].map(([id, name]) => ({ id, name }))}
          onDone={(r) => {
            setSelected(new Map());
            setOutcome(r);
            if (r) void qc.invalidateQueries();
          }}
        />
      )}
      {outcome && <BulkOutcome result={outcome} onClose={() => setOutcome(null)} />}
      <PagedListBody
        list={list}
        emptyText={q ? `No services match “${q}”.` : "No services match these filters."}
        label="Services"
        nouns={["service", "services"]}
        columns={[
          ...(canWrite ? [{ label: "", className: "w-10" }] : []),
          "Name",
          "State",
          "Uptime",
          { label: "CPU", className: "text-right" },
          { label: "Memory", className: "text-right" },
          "Host and ports",
        ]}
        card={(s) => {
          const u = usage(s);
          return (
            <div className="flex items-start gap-3 px-5 py-4">
              {check(s)}
              <div className="min-w-0 flex-1">
                <div className="flex items-center justify-between gap-2">
                  <Link href={`/services/${s.id}`} className="truncate font-medium text-indigo-700 dark:text-indigo-300">{s.name}</Link>
                  <ServiceStateBadge status={s.status} />
                </div>
                <p className="mt-0.5 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{s.image}</p>
                <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                  {s.hostName ?? "No host"} · <Uptime status={s.status} /> · CPU {u.cpu} · {u.mem}
                  {portSummary(s) && <> · ports {portSummary(s)}</>}
                </p>
                <Labels s={s} />
              </div>
            </div>
          );
        }}
        cells={(s) => {
          const u = usage(s);
          return (
            <>
              {canWrite && <td className="py-3 pl-5">{check(s)}</td>}
              <td className="px-5 py-3">
                <Link href={`/services/${s.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{s.name}</Link>
                <p className="max-w-xs truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{s.image}</p>
                <Labels s={s} />
              </td>
              <td className="px-5 py-3 whitespace-nowrap"><ServiceStateBadge status={s.status} /></td>
              <td className="px-5 py-3 whitespace-nowrap text-zinc-600 dark:text-zinc-300"><Uptime status={s.status} /></td>
              <td className="px-5 py-3 text-right whitespace-nowrap tabular-nums">{u.cpu}</td>
              <td className="px-5 py-3 text-right whitespace-nowrap tabular-nums" title={u.memTitle}>{u.mem}</td>
              <td className="px-5 py-3">
                {s.hostName ?? <span className="text-zinc-400">No host</span>}
                {portSummary(s) && (
                  <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                    {portSummary(s)}
                    {onLan(s) && <Badge tone="warning" className="ml-1.5 font-sans">LAN</Badge>}
                  </p>
                )}
              </td>
            </>
          );
        }}
      />
      {canWrite && list.items.length > 0 && (
        <div className="hidden border-t border-zinc-200 px-5 py-2 text-sm md:block dark:border-zinc-800">
          <label className="flex items-center gap-2">
            <input type="checkbox" className="size-4 accent-indigo-600" checked={allShown} onChange={toggleAll} /> Select all shown
          </label>
        </div>
      )}
    </Card>
  );
}
