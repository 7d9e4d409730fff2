// Uptime over 24 h / 7 d / 30 d as three figures beside a heartbeat bar, coloured by how good they are.
import { cn } from "@/components/ui/cn";
import { formatPercent } from "./scale";

export type UptimeTriple = Partial<Record<"24h" | "7d" | "30d", number | null>>;

const tone = (p: number | null | undefined) =>
  p == null ? "text-zinc-400 dark:text-zinc-500" : p >= 99.5 ? "text-emerald-700 dark:text-emerald-400" : p >= 95 ? "text-amber-700 dark:text-amber-400" : "text-red-700 dark:text-red-400";

export function UptimeFigures({ uptime, windows = ["24h", "7d", "30d"], className }: { uptime: UptimeTriple; windows?: ("24h" | "7d" | "30d")[]; className?: string }) {
  return (
    <dl className={cn("flex shrink-0 gap-3 text-xs", className)}>
      {windows.map((w) => (
        <div key={w} className="text-right">
          <dt className="text-zinc-500 dark:text-zinc-400">{w.replace(/(\d+)/, "$1 ")}</dt>
          <dd className={cn("font-mono font-medium tabular-nums", tone(uptime[w]))}>{formatPercent(uptime[w])}</dd>
        </div>
      ))}
    </dl>
  );
}
