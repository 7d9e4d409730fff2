// "Needs attention": what is broken, most severe first, each item a link to where to act; "All
// clear" only when nothing is broken (hints such as 2FA are listed below it, in a calm tone).
import Link from "next/link";
import type { AttentionItem, AttentionSeverity } from "@/lib/overview/schemas";
import { Card, CardHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { IconAlert, IconCheck, IconShield } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

const TONE: Record<AttentionSeverity, { chip: string; label: string }> = {
  critical: { chip: "bg-red-50 text-red-700 dark:bg-red-500/15 dark:text-red-300", label: "Broken" },
  warning: { chip: "bg-amber-50 text-amber-700 dark:bg-amber-500/15 dark:text-amber-300", label: "Warning" },
  info: { chip: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300", label: "Hint" },
};

function Item({ item }: { item: AttentionItem }) {
  const tone = TONE[item.severity];
  const Icon = item.kind === "totp-off" ? IconShield : IconAlert;
  return (
    <li data-severity={item.severity} data-kind={item.kind}>
      <Link
        href={item.href}
        className="flex items-start gap-3 px-5 py-3.5 text-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800/50"
      >
        <span className={cn("mt-0.5 shrink-0 rounded-md p-1.5", tone.chip)} title={tone.label}>
          <Icon className="size-4" />
          <span className="sr-only">{tone.label}: </span>
        </span>
        <span className="min-w-0 flex-1">
          <span className="block font-medium break-words text-zinc-900 dark:text-zinc-100">{item.title}</span>
          {item.detail && <span className="block break-words text-zinc-500 dark:text-zinc-400">{item.detail}</span>}
        </span>
        {item.since && (
          <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
            since <Time iso={item.since} />
          </span>
        )}
      </Link>
    </li>
  );
}

export function AttentionList({ items, total }: { items: AttentionItem[]; total: number }) {
  const broken = items.filter((i) => i.severity !== "info");
  const hints = items.filter((i) => i.severity === "info");
  const brokenTotal = total - hints.length;
  return (
    <Card aria-labelledby="attention-title" className={cn(broken.length > 0 && "border-red-200 dark:border-red-900/60")}>
      <CardHeader
        id="attention-title"
        title="Needs attention"
        description={broken.length > 0 ? `${brokenTotal} ${brokenTotal === 1 ? "thing is" : "things are"} broken` : undefined}
      />
      {broken.length === 0 ? (
        <div className="flex items-center gap-3 px-5 py-4" role="status">
          <span className="rounded-full bg-emerald-50 p-2 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300">
            <IconCheck className="size-5" />
          </span>
          <div>
            <p className="font-semibold text-zinc-900 dark:text-zinc-100">All clear</p>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing is broken: every service, check, route and host is as it should be.</p>
          </div>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Broken">
          {broken.map((i) => (
            <Item key={`${i.kind}:${i.href}:${i.title}`} item={i} />
          ))}
          {total > items.length && (
            <li className="px-5 py-3 text-sm text-zinc-500 dark:text-zinc-400">…and {total - items.length} more.</li>
          )}
        </ul>
      )}
      {hints.length > 0 && (
        <ul className="divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Suggestions">
          {hints.map((i) => (
            <Item key={`${i.kind}:${i.href}`} item={i} />
          ))}
        </ul>
      )}
    </Card>
  );
}
