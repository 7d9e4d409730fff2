// The public status page: a headline, then each group's checks with state, uptime (24 h / 30 d),
// an hourly history bar and open incidents' start times. Renders only the PublicStatus allow-list.
import type { HistorySegment, PublicCheckState, PublicStatus } from "@/lib/status-pages/schemas";
import { cn } from "@/components/ui/cn";
import { Time } from "@/components/ui/time";

const STATE_LOOK: Record<PublicCheckState, { label: string; pill: string; dot: string }> = {
  up: { label: "Operational", pill: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-900", dot: "bg-emerald-500" },
  degraded: { label: "Degraded", pill: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900", dot: "bg-amber-500" },
  down: { label: "Down", pill: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900", dot: "bg-red-500" },
  maintenance: { label: "In maintenance", pill: "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-900", dot: "bg-sky-500" },
  paused: { label: "Paused", pill: "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-400 dark:ring-zinc-700", dot: "bg-zinc-400" },
  unknown: { label: "No data", pill: "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-400 dark:ring-zinc-700", dot: "bg-zinc-400" },
};

const SEGMENT: Record<HistorySegment, { cls: string; word: string }> = {
  up: { cls: "bg-emerald-500", word: "up" },
  partial: { cls: "bg-amber-500", word: "some failures" },
  down: { cls: "bg-red-500", word: "down" },
  none: { cls: "bg-zinc-200 dark:bg-zinc-700", word: "no data" },
};

const HEADLINE: Record<PublicStatus["overall"], { text: string; cls: string }> = {
  operational: { text: "All systems operational", cls: "bg-emerald-600 text-white" },
  degraded: { text: "Some systems are having problems", cls: "bg-amber-500 text-zinc-950" },
  outage: { text: "Major outage", cls: "bg-red-600 text-white" },
  unknown: { text: "Status unknown", cls: "bg-zinc-600 text-white" },
};

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(v === 100 ? 0 : 2)}%`);

function HistoryBar({ history, name }: { history: HistorySegment[]; name: string }) {
  const hours = history.length;
  return (
    <div role="img" aria-label={`${name}, last ${hours} hours: ${history.filter((s) => s === "up").length} hours up, ${history.filter((s) => s === "down" || s === "partial").length} with failures`} className="flex h-6 gap-px">
      {history.map((s, i) => (
        <span key={i} title={`${hours - i} h ago: ${SEGMENT[s].word}`} className={cn("min-w-0 flex-1 rounded-sm", SEGMENT[s].cls)} />
      ))}
    </div>
  );
}

export function PublicStatusView({ status }: { status: PublicStatus }) {
  const head = HEADLINE[status.overall];
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:py-12">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-zinc-900 dark:text-zinc-100">{status.title}</h1>
        {status.description && <p className="text-sm text-zinc-600 dark:text-zinc-400">{status.description}</p>}
      </header>
      <p role="status" className={cn("rounded-lg px-4 py-3 font-medium", head.cls)}>
        {head.text}
      </p>
      {status.groups.map((g) => (
        <section key={g.name} aria-labelledby={`group-${g.name}`} className="rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id={`group-${g.name}`} className="border-b border-zinc-200 px-4 py-3 font-semibold text-zinc-900 dark:border-zinc-800 dark:text-zinc-100">
            {g.name}
          </h2>
          {g.checks.length === 0 ? (
            <p className="px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400">Nothing published in this group yet.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {g.checks.map((c) => {
                const look = STATE_LOOK[c.state];
                return (
                  <li key={c.name} className="space-y-2 px-4 py-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="min-w-0 font-medium break-words text-zinc-900 dark:text-zinc-100">{c.name}</span>
                      <span className={cn("inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset", look.pill)}>
                        <span aria-hidden className={cn("size-2 rounded-full", look.dot)} />
                        {look.label}
                      </span>
                    </div>
                    <HistoryBar history={c.history} name={c.name} />
                    <div className="flex flex-wrap justify-between gap-x-4 text-xs text-zinc-500 dark:text-zinc-400">
                      <span>24 h ago</span>
                      <span>
                        Uptime {pct(c.uptime24h)} (24 h) · {pct(c.uptime30d)} (30 days)
                      </span>
                      <span>now</span>
                    </div>
                    {c.incidentsSince.map((at) => (
                      <p key={at} className="text-sm text-red-700 dark:text-red-300">
                        Ongoing incident since <Time iso={at} />
                      </p>
                    ))}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
      <footer className="text-center text-xs text-zinc-500 dark:text-zinc-400">
        Updated <Time iso={status.generatedAt} /> · Powered by Homeport
      </footer>
    </main>
  );
}
