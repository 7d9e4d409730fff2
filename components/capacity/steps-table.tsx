// Every step of a scale run as a table: size, what it took, and what went wrong at that size.
import { Table, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import type { CapacityRun } from "@/lib/capacity/schemas";

const n = (v: number) => v.toLocaleString("en-US");
const ms = (v: number | null) => (v === null ? "—" : `${n(Math.round(v))} ms`);
const s = (v: number | null) => (v === null ? "—" : `${Number(v.toFixed(1))} s`);

export function StepsTable({ run }: { run: CapacityRun }) {
  const steps = [...run.steps].sort((a, b) => a.agents - b.agents);
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Steps</h3>
      <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
        <Table
          columns={["Agents", "Result", "Connected", "RSS peak", "CPU", "Loop p99", "Event p50 / p95 / p99", "Lost", "Storm", "Write p95", "Overview / Hosts / Services"]}
          className="text-xs"
        >
          {steps.map((st) => (
            <TableRow key={st.agents}>
              <th scope="row" className="px-5 py-2 font-medium whitespace-nowrap tabular-nums">
                {n(st.agents)} <span className="font-normal text-zinc-500 dark:text-zinc-400">× {n(run.config.containersPerAgent)}</span>
              </th>
              <td className="px-5 py-2">
                {st.ok ? <Badge tone="success">Held</Badge> : <Badge tone="danger">Failed</Badge>}
                {st.problems.length > 0 && <p className="mt-1 min-w-40 text-red-700 dark:text-red-400">{st.problems.join("; ")}</p>}
              </td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{n(st.connected)}{st.connectSeconds !== null && <span className="text-zinc-500 dark:text-zinc-400"> in {s(st.connectSeconds)}</span>}</td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{n(Math.round(st.rssMbPeak))} MiB</td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{st.cpuCores.toFixed(2)}</td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{ms(st.eventLoopLagP99Ms)}</td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{ms(st.eventP50Ms)} / {ms(st.eventP95Ms)} / {ms(st.eventP99Ms)}</td>
              <td className={`px-5 py-2 tabular-nums whitespace-nowrap ${st.eventsLost > 0 ? "text-red-700 dark:text-red-400" : ""}`}>{n(st.eventsLost)} of {n(st.eventsSent)}</td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{s(st.stormSettleSeconds)}</td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{ms(st.sqliteWriteP95Ms)}</td>
              <td className="px-5 py-2 tabular-nums whitespace-nowrap">{ms(st.pages.overviewMs)} / {ms(st.pages.hostsMs)} / {ms(st.pages.servicesMs)}</td>
            </TableRow>
          ))}
        </Table>
      </div>
    </div>
  );
}
