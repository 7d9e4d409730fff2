// Incidents of a check (or of all checks): when, how long, which vantage points saw it and why,
// and who acknowledged an ongoing one (or the button to do it).
import Link from "next/link";
import type { IncidentView } from "@/lib/probes/schemas";
import { Time } from "@/components/ui/time";
import { StatusPill } from "./status-pill";
import { errorWords } from "./status";
import { AcknowledgeButton } from "./check-actions";

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

export function IncidentList({ items, vantageNames, showCheck = false }: { items: IncidentView[]; vantageNames: Record<string, string>; showCheck?: boolean }) {
  if (items.length === 0) return <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">No incidents.</p>;
  return (
    <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {items.map((i) => (
        <li key={i.id} className="flex flex-col gap-1 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <StatusPill status={i.endedAt ? "up" : i.kind} />
              {showCheck && (
                <Link href={`/reachability/checks/${i.checkId}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                  {i.checkName}
                </Link>
              )}
              <span className="text-sm text-zinc-700 dark:text-zinc-300">
                {i.kind === "degraded" ? "Degraded" : "Down"} · {errorWords(i.errorClass) || "error"}
              </span>
            </div>
            <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400">
              Seen from {i.vantages.map((v) => vantageNames[v] ?? v).join(", ") || "—"}
              {i.message ? ` · ${i.message}` : ""}
            </p>
          </div>
          <div className="shrink-0 text-xs text-zinc-500 sm:text-right dark:text-zinc-400">
            <Time iso={i.startedAt} />
            <div>{i.endedAt ? `lasted ${duration(i.durationMs ?? 0)}` : <span className="font-medium text-red-700 dark:text-red-300">ongoing</span>}</div>
            {i.acknowledgedAt ? (
              <div className="mt-1 text-zinc-700 dark:text-zinc-300">
                Acknowledged by <span className="font-medium">{i.acknowledgedBy}</span> <Time iso={i.acknowledgedAt} />
              </div>
            ) : (
              !i.endedAt && (
                <div className="mt-1">
                  <AcknowledgeButton incidentId={i.id} checkName={i.checkName} />
                </div>
              )
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
