// Severity pills and the colours of the exposure score: one palette for the report, history and filters.
import { cn } from "@/components/ui/cn";
import type { Severity } from "@/lib/exposure/schemas";
import { SEVERITY_LABEL, type Tone } from "./exposure-model";

const PILL: Record<Severity, string> = {
  critical: "bg-red-600 text-white ring-red-700 dark:bg-red-600 dark:text-white dark:ring-red-500",
  high: "bg-orange-50 text-orange-800 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  medium: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  low: "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-900",
};

export function SeverityBadge({ severity, className }: { severity: Severity; className?: string }) {
  return (
    <span data-severity={severity} className={cn("inline-flex w-16 shrink-0 justify-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", PILL[severity], className)}>
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

export function NewBadge() {
  return <span className="inline-flex shrink-0 items-center rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white dark:bg-indigo-500">New</span>;
}

export const TONE_TEXT: Record<Tone, string> = {
  danger: "text-red-700 dark:text-red-400",
  warning: "text-orange-700 dark:text-orange-400",
  caution: "text-amber-700 dark:text-amber-400",
  info: "text-sky-700 dark:text-sky-400",
  success: "text-emerald-700 dark:text-emerald-400",
  neutral: "text-zinc-500 dark:text-zinc-400",
};

export const TONE_RING: Record<Tone, string> = {
  danger: "border-red-300 dark:border-red-800",
  warning: "border-orange-300 dark:border-orange-800",
  caution: "border-amber-300 dark:border-amber-800",
  info: "border-sky-200 dark:border-sky-900",
  success: "border-emerald-200 dark:border-emerald-900",
  neutral: "border-zinc-200 dark:border-zinc-800",
};

/** The four severity counts as a definition list: zero counts are muted, non-zero ones take their colour. */
export function SeverityCounts({ counts, compact = false }: { counts: Record<Severity, number>; compact?: boolean }) {
  const order: Severity[] = ["critical", "high", "medium", "low"];
  const tone: Record<Severity, Tone> = { critical: "danger", high: "warning", medium: "caution", low: "info" };
  return (
    <dl className={cn("grid grid-cols-4", compact ? "gap-2" : "gap-2 sm:gap-3")} data-testid="severity-counts">
      {order.map((s) => (
        <div key={s} className={cn("min-w-0", !compact && "rounded-lg border border-zinc-200 px-2 py-2 sm:px-3 dark:border-zinc-800")} data-testid={`count-${s}`}>
          <dt className="truncate text-xs text-zinc-500 dark:text-zinc-400">{SEVERITY_LABEL[s]}</dt>
          <dd className={cn("font-semibold tabular-nums", compact ? "text-sm" : "text-xl", counts[s] > 0 ? TONE_TEXT[tone[s]] : "text-zinc-400 dark:text-zinc-500")}>{counts[s]}</dd>
        </div>
      ))}
    </dl>
  );
}
