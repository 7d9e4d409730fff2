// The reachability matrix: rows are checks (routes get theirs automatically), columns are vantage
// points, cells green / red / amber / grey with the error class. Follows the live stream: a status
// change refetches it within about a second, new results at most every RESULTS_GAP_MS.
// A table on wide screens; one card per check on phones. Filters by tag and group; rows are listed
// under their group's heading; paused checks and those in maintenance say so in grey / blue.
"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/client/api";
import { useDebounced } from "@/lib/client/use-debounced";
import { useLiveRefetch } from "@/lib/client/live";
import { LiveIndicator } from "@/components/live/live-indicator";
import type { Matrix } from "@/lib/probes/queries";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { NewLink } from "@/components/common/new-link";
import { StatusPill, StatusLegend } from "./status-pill";
import { groupRows, OpsPill, rowFacets } from "./matrix-groups";
import { PauseButton } from "./check-actions";
import { RowHeartbeat, useRowHeartbeats } from "@/components/charts/row-heartbeat";

/** A check's overall or cell status changed: the matrix shows it this soon after its last refetch. */
const STATUS_GAP_MS = 1_000;
/** Results that changed no verdict (latency, last probe time in the cells' titles): at most this often. */
const RESULTS_GAP_MS = 10_000;
/**
 * A vantage point that falls silent publishes nothing, yet its cells turn grey after
 * STALE_MIN_MS (5 min) or more; checks deleted elsewhere publish nothing either. Hence this slow
 * refetch on top of the stream.
 */
const SAFETY_REFETCH_MS = 2 * 60_000;
const MATRIX_LIMIT = 200;

function cellTitle(c: Matrix["rows"][number]["cells"][number]): string {
  if (!c) return "Not probed from here";
  const parts = [
    c.message ?? "",
    c.latencyMs != null ? `${c.latencyMs} ms` : "",
    c.fingerprint ? `answered by route ${c.fingerprint}` : "",
    c.lastAt ? `last probe ${new Date(c.lastAt).toLocaleString()}` : "no result yet",
  ];
  return parts.filter(Boolean).join(" · ");
}

const selectClass = "h-9 rounded-lg border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";

export function ReachabilityMatrix({ initial, maintenance = [] }: { initial: Matrix; maintenance?: string[] }) {
  const api = useApi();
  const [q, setQ] = useState("");
  const [tag, setTag] = useState("");
  const [group, setGroup] = useState("");
  const query = useDebounced(q.trim(), 250);
  const queryKey = ["reachability-matrix", query];
  const { data, isError, dataUpdatedAt } = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<Matrix>(`/api/v1/checks/matrix?limit=${MATRIX_LIMIT}${query ? `&q=${encodeURIComponent(query)}` : ""}`, signal),
    initialData: query === "" ? initial : undefined,
    refetchInterval: SAFETY_REFETCH_MS,
  });
  const live = useLiveRefetch({
    queryKey,
    types: ["checks/status", "checks/results"],
    // Any check counts: a new check's first results add its row.
    gapFor: (e) => (e.type === "checks/status" ? STATUS_GAP_MS : RESULTS_GAP_MS),
  });
  const all = data ?? initial;
  const facets = rowFacets(all.rows);
  const m = { ...all, rows: all.rows.filter((r) => (!tag || r.check.tags.includes(tag)) && (!group || (r.check.groupName ?? "") === (group === "\u0000" ? "" : group))) };
  const grouped = groupRows(m.rows);
  const quiet = new Set(maintenance);
  const beats = useRowHeartbeats(m.rows.map((r) => r.check.id));

  return (
    <Card>
      <div className="flex flex-col gap-3 border-b border-zinc-200 px-4 py-3 sm:flex-row sm:items-center sm:justify-between dark:border-zinc-800">
        <label className="flex w-full items-center gap-2 sm:w-72">
          <span className="sr-only">Filter checks</span>
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Filter by name or hostname"
            className="h-9 w-full rounded-lg border border-zinc-300 bg-white px-3 text-sm text-zinc-900 placeholder:text-zinc-400 focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
          />
        </label>
        {facets.groups.length > 0 && (
          <label className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            Group
            <select value={group} onChange={(e) => setGroup(e.target.value)} className={selectClass}>
              <option value="">All</option>
              {facets.groups.map((g) => <option key={g} value={g}>{g}</option>)}
              <option value={"\u0000"}>No group</option>
            </select>
          </label>
        )}
        {facets.tags.length > 0 && (
          <label className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            Tag
            <select value={tag} onChange={(e) => setTag(e.target.value)} className={selectClass}>
              <option value="">All</option>
              {facets.tags.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <StatusLegend />
          <LiveIndicator state={live} updatedAt={dataUpdatedAt} />
        </div>
      </div>
      {isError && <p className="px-4 py-2 text-sm text-red-700 dark:text-red-300">Could not refresh; showing the last known state.</p>}
      {m.rows.length === 0 ? (
        <EmptyState title={query ? "No check matches" : "No checks yet"} action={query ? undefined : <NewLink href="/reachability/checks/new">Add check</NewLink>}>
          Routes get an HTTPS check and services with published ports a TCP check automatically. Add your own for any URL, port,
          DNS answer or TLS handshake.
        </EmptyState>
      ) : (
        <>
          <div className="relative hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="bg-zinc-50 text-xs tracking-wide text-zinc-500 uppercase dark:bg-zinc-900/60 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Check</th>
                  <th scope="col" className="px-4 py-2 font-medium">Overall</th>
                  {m.vantages.map((v) => (
                    <th key={v.id} scope="col" className="px-4 py-2 font-medium">
                      {v.name} <span className="font-normal normal-case text-zinc-400">({v.kind})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              {grouped.map(([name, rows]) => (
              <tbody key={name ?? ""} className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {grouped.length > 1 && (
                  <tr className="bg-zinc-50/60 dark:bg-zinc-900/40">
                    <th scope="colgroup" colSpan={2 + m.vantages.length} className="px-4 py-1.5 text-xs font-semibold text-zinc-700 dark:text-zinc-300">{name ?? "No group"}</th>
                  </tr>
                )}
                {rows.map((r) => (
                  <tr key={r.check.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                    <th scope="row" className="max-w-xs px-4 py-2 font-normal">
                      <Link href={`/reachability/checks/${r.check.id}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                        {r.check.name}
                      </Link>
                      <div className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.check.description}</div>
                      {r.check.tags.length > 0 && <div className="truncate text-xs text-zinc-500 dark:text-zinc-400">{r.check.tags.map((t) => `#${t}`).join(" ")}</div>}
                      {r.check.expectation === "unreachable" && <div className="text-xs text-zinc-500 dark:text-zinc-400">Expect: unreachable (exposure check)</div>}
                    </th>
                    <td className="px-4 py-2">
                      <div className="flex items-center gap-2">
                        <OpsPill check={r.check} inMaintenance={quiet.has(r.check.id)} fallback={<StatusPill status={r.status} />} />
                        <PauseButton checkId={r.check.id} name={r.check.name} paused={r.check.pausedAt !== null} size="sm" />
                      </div>
                      <RowHeartbeat className="mt-1.5 w-44" name={r.check.name} beat={beats.get(r.check.id)} />
                    </td>
                    {r.cells.map((c, i) => (
                      <td key={m.vantages[i]!.id} className="px-4 py-2">
                        {c ? <StatusPill status={c.status} errorClass={c.errorClass} title={cellTitle(c)} /> : <span className="text-xs text-zinc-400" title="Not probed from here">—</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              ))}
            </table>
          </div>
          <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800">
            {grouped.flatMap(([name, rows]) => [
              ...(grouped.length > 1 ? [<li key={`group-${name ?? ""}`} className="bg-zinc-50/60 px-4 py-1.5 text-xs font-semibold text-zinc-700 dark:bg-zinc-900/40 dark:text-zinc-300">{name ?? "No group"}</li>] : []),
              ...rows.map((r) => (
              <li key={r.check.id} className="px-4 py-3">
                <div className="flex items-start justify-between gap-3">
                  <Link href={`/reachability/checks/${r.check.id}`} className="min-w-0">
                    <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100">{r.check.name}</span>
                    <span className="block truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.check.description}</span>
                  </Link>
                  <div className="flex shrink-0 items-center gap-2">
                    <OpsPill check={r.check} inMaintenance={quiet.has(r.check.id)} fallback={<StatusPill status={r.status} />} />
                    <PauseButton checkId={r.check.id} name={r.check.name} paused={r.check.pausedAt !== null} size="sm" />
                  </div>
                </div>
                <RowHeartbeat className="mt-2" name={r.check.name} beat={beats.get(r.check.id)} />
                <dl className="mt-2 grid grid-cols-1 gap-1.5">
                  {r.cells.map((c, i) =>
                    c ? (
                      <div key={m.vantages[i]!.id} className="flex items-center justify-between gap-2 text-sm">
                        <dt className="truncate text-zinc-600 dark:text-zinc-400">{m.vantages[i]!.name}</dt>
                        <dd className="min-w-0">
                          <StatusPill status={c.status} errorClass={c.errorClass} title={cellTitle(c)} />
                        </dd>
                      </div>
                    ) : null,
                  )}
                </dl>
              </li>
              )),
            ])}
          </ul>
        </>
      )}
      {m.nextCursor && <p className="border-t border-zinc-200 px-4 py-2 text-xs text-zinc-500 dark:border-zinc-800">Showing the first {MATRIX_LIMIT} checks; filter to find others.</p>}
    </Card>
  );
}
