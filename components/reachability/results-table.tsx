// The latest raw results of a check with the timing breakdown (DNS, connect, TLS, first byte);
// LiveResultsTable keeps them current from the live stream (the check's new results refetch them).
"use client";

import { useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import { concernsCheck } from "@/lib/events/schemas";
import type { ResultView } from "@/lib/probes/schemas";
import { Time } from "@/components/ui/time";
import { StatusPill } from "./status-pill";

const msOr = (v: number | null) => (v == null ? "—" : `${v}`);

export function ResultsTable({ items, vantageNames }: { items: ResultView[]; vantageNames: Record<string, string> }) {
  if (items.length === 0) return <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">No results yet.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="bg-zinc-50 text-xs text-zinc-500 uppercase dark:bg-zinc-900/60 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">When</th>
            <th scope="col" className="px-4 py-2 font-medium">From</th>
            <th scope="col" className="px-4 py-2 font-medium">Result</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Total ms</th>
            <th scope="col" className="px-4 py-2 text-right font-medium" title="DNS / connect / TLS / first byte">DNS · conn · TLS · TTFB</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {items.map((r) => (
            <tr key={r.id}>
              <td className="px-4 py-1.5 whitespace-nowrap text-zinc-600 dark:text-zinc-400"><Time iso={r.at} /></td>
              <td className="px-4 py-1.5 text-zinc-800 dark:text-zinc-200">{vantageNames[r.vantageId] ?? r.vantageId}</td>
              <td className="px-4 py-1.5">
                <StatusPill status={r.ok ? "up" : "down"} errorClass={r.errorClass} title={r.message ?? undefined} />
                {r.statusCode != null && <span className="ml-2 font-mono text-xs text-zinc-500">{r.statusCode}</span>}
                {r.fingerprint && <span className="ml-2 font-mono text-xs text-zinc-500" title="X-Homeport-Route: the proxy entry that answered">route {r.fingerprint}</span>}
              </td>
              <td className="px-4 py-1.5 text-right font-mono tabular-nums">{msOr(r.latencyMs)}</td>
              <td className="px-4 py-1.5 text-right font-mono text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
                {msOr(r.dnsMs)} · {msOr(r.connectMs)} · {msOr(r.tlsMs)} · {msOr(r.firstByteMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** New results of the check refetch the table at most this often. */
const RESULTS_GAP_MS = 2_000;

export function LiveResultsTable({ checkId, limit, initial, vantageNames }: { checkId: string; limit: number; initial: ResultView[]; vantageNames: Record<string, string> }) {
  const api = useApi();
  const queryKey = ["check-results", checkId, limit];
  const { data } = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<{ items: ResultView[] }>(`/api/v1/checks/${checkId}/results?limit=${limit}`, signal),
    initialData: { items: initial },
  });
  useLiveRefetch({ queryKey, types: ["checks/results"], gapFor: (e) => (concernsCheck(e, checkId) ? RESULTS_GAP_MS : null) });
  return <ResultsTable items={data.items} vantageNames={vantageNames} />;
}
