// The audit log: newest first, filtered by action prefix, "Load more" pagination. A table from
// `md` up, cards on phones. A folded row (repeated refusals) says how often and when last.
"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { PagedListBody } from "@/components/common/paged-list";
import { AUDIT_PAGE_SIZE } from "@/components/common/page-sizes";
import { useFilteredPagedList, type Page } from "@/components/common/use-paged-list";
import { actionLabel, targetHref } from "@/lib/client/format";
import type { AuditEventView } from "@/lib/audit";

const PRESETS = [
  { value: "", label: "All" },
  { value: "auth.", label: "Sign-in & account" },
  { value: "service.", label: "Services" },
  { value: "route.", label: "Routes" },
  { value: "token.", label: "API tokens" },
];

function tone(action: string): BadgeTone {
  if (action.endsWith(".failed") || action.endsWith(".denied") || action.endsWith(".refused")) return "danger";
  if (action.endsWith(".delete") || action.endsWith(".revoke")) return "warning";
  if (action.endsWith(".create")) return "success";
  return "neutral";
}

function Actor({ e }: { e: AuditEventView }) {
  return (
    <span>
      {e.actorName ?? <span className="text-zinc-400">anonymous</span>}
      {e.actorType === "token" && <span className="ml-1 text-xs text-zinc-500">(API token)</span>}
    </span>
  );
}

const noop = () => () => undefined;

/** "14:05" today, "3 Mar, 14:05" before; UTC on the server, local time after hydration. */
function ClockTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(noop, () => true, () => false);
  if (!inBrowser) return <time dateTime={iso}>{`${new Date(iso).toISOString().slice(11, 16)} UTC`}</time>;
  const d = new Date(iso);
  const today = d.toDateString() === new Date().toDateString();
  const text = d.toLocaleString(undefined, today ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  return (
    <time dateTime={iso} title={d.toLocaleString()}>
      {text}
    </time>
  );
}

/** "×37, last 14:05" for a row that stands for repeats; nothing for a single event. */
function Repeats({ e }: { e: AuditEventView }) {
  if (e.count <= 1) return null;
  return (
    <span className="ml-2 text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400" data-testid="audit-repeats">
      ×{e.count}
      {e.lastAt && (
        <>
          , last <ClockTime iso={e.lastAt} />
        </>
      )}
    </span>
  );
}

function Target({ e }: { e: AuditEventView }) {
  if (!e.targetType) return <span className="text-zinc-400">—</span>;
  const name = typeof e.details?.name === "string" ? e.details.name : typeof e.details?.hostname === "string" ? e.details.hostname : null;
  const href = targetHref(e.targetType, e.targetId, e.action);
  const text = name ? `${e.targetType} ${name}` : e.targetType;
  return href ? (
    <Link href={href} className="text-indigo-700 hover:underline dark:text-indigo-300">
      {text}
    </Link>
  ) : (
    <span>{text}</span>
  );
}

export function AuditList({ initial }: { initial: Page<AuditEventView> }) {
  const { filter, setFilter, value: action, list } = useFilteredPagedList<AuditEventView>("audit", "/api/v1/audit", "action", AUDIT_PAGE_SIZE, initial);

  return (
    <Card>
      <div className="space-y-3 border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <div className="flex flex-wrap gap-2" role="group" aria-label="Quick filters">
          {PRESETS.map((p) => (
            <button
              key={p.value}
              type="button"
              aria-pressed={filter === p.value}
              onClick={() => setFilter(p.value)}
              className={cn(
                "rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-500",
                filter === p.value
                  ? "bg-indigo-600 text-white ring-indigo-600"
                  : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800",
              )}
            >
              {p.label}
            </button>
          ))}
        </div>
        <div className="w-full sm:max-w-xs">
          <Input aria-label="Filter by action prefix" placeholder="Action prefix, e.g. auth.login" className="font-mono" spellCheck={false} autoCapitalize="none" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      </div>
      <PagedListBody
        list={list}
        emptyText={action ? `No events whose action starts with “${action}”.` : "No events yet."}
        label="Audit events"
        nouns={["event", "events"]}
        columns={["Time", "Actor", "Action", "Target", "IP"]}
        cardClassName="space-y-1 px-5 py-3 text-sm"
        card={(e) => (
          <>
            <div className="flex items-center justify-between gap-2">
              <span>
                <Badge tone={tone(e.action)}>{actionLabel(e.action)}</Badge>
                <Repeats e={e} />
              </span>
              <Time iso={e.at} className="text-xs text-zinc-500 dark:text-zinc-400" />
            </div>
            <p className="text-zinc-700 dark:text-zinc-300">
              <Actor e={e} /> · <Target e={e} />
            </p>
            <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
              {e.action}
              {e.ip && ` · ${e.ip}`}
            </p>
          </>
        )}
        cells={(e) => (
          <>
            <td className="px-5 py-2.5 whitespace-nowrap text-zinc-500 dark:text-zinc-400">
              <Time iso={e.at} />
            </td>
            <td className="px-5 py-2.5">
              <Actor e={e} />
            </td>
            <td className="px-5 py-2.5">
              <Badge tone={tone(e.action)}>{actionLabel(e.action)}</Badge>
              <span className="ml-2 font-mono text-xs text-zinc-500 dark:text-zinc-400">{e.action}</span>
              <Repeats e={e} />
            </td>
            <td className="px-5 py-2.5">
              <Target e={e} />
            </td>
            <td className="px-5 py-2.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">{e.ip ?? "—"}</td>
          </>
        )}
      />
    </Card>
  );
}
