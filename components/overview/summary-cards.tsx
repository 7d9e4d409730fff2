// The lab in numbers under "Needs attention": services (running, stopped on purpose, failed), hosts
// online, checks up and down, routes. A deliberate stop is told in a calm tone, not as a failure.
import Link from "next/link";
import type { OverviewSummary } from "@/lib/overview/schemas";
import { IconActivity, IconBox, IconGlobe, IconServer } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

type Part = { n: number; label: string; tone?: "bad" | "good" | "calm" };

const TONES = { bad: "text-red-700 dark:text-red-400", good: "text-emerald-700 dark:text-emerald-400", calm: "text-zinc-500 dark:text-zinc-400" };

function Stat({ id, label, href, icon: Icon, value, parts }: { id: string; label: string; href: string; icon: (p: { className?: string }) => React.ReactNode; value: string; parts: Part[] }) {
  return (
    <Link
      href={href}
      className="group rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition-colors hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-500 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700"
    >
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</span>
        <span className="hidden rounded-lg bg-indigo-50 p-2 text-indigo-600 sm:block dark:bg-indigo-500/15 dark:text-indigo-300">
          <Icon className="size-5" />
        </span>
      </div>
      <p className="mt-1 text-2xl font-semibold tabular-nums sm:mt-2 sm:text-3xl" data-testid={`count-${id}`}>
        {value}
      </p>
      <p className="mt-1 flex flex-wrap gap-x-2 text-xs" data-testid={`detail-${id}`}>
        {parts.filter((p) => p.n > 0 || p.tone === "good").map((p) => (
          <span key={p.label} className={cn(p.tone && p.n > 0 ? TONES[p.tone] : "text-zinc-500 dark:text-zinc-400")}>
            {p.n} {p.label}
          </span>
        ))}
      </p>
    </Link>
  );
}

export function SummaryCards({ summary }: { summary: OverviewSummary }) {
  const { services: s, hosts: h, checks: c, routes: r } = summary;
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" aria-label="Summary" role="group">
      <Stat id="services" label="Services" href="/services" icon={IconBox} value={String(s.total)} parts={[
        { n: s.running, label: "running", tone: "good" },
        { n: s.failed, label: "failed", tone: "bad" },
        { n: s.stopped, label: "stopped", tone: "calm" },
        { n: s.notPlaced, label: "not placed", tone: "calm" },
      ]} />
      <Stat id="hosts" label="Hosts" href="/hosts" icon={IconServer} value={`${h.online}/${h.total}`} parts={[
        { n: h.online, label: "online", tone: "good" },
        { n: h.total - h.online, label: "offline", tone: "bad" },
      ]} />
      <Stat id="checks" label="Checks" href="/reachability" icon={IconActivity} value={String(c.total)} parts={[
        { n: c.up, label: "up", tone: "good" },
        { n: c.down, label: "down", tone: "bad" },
        { n: c.degraded, label: "degraded", tone: "bad" },
        { n: c.paused, label: "paused", tone: "calm" },
      ]} />
      <Stat id="routes" label="Routes" href="/routes" icon={IconGlobe} value={String(r.total)} parts={[]} />
    </div>
  );
}
