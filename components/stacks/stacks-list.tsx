// The stacks page: every stack with its host, applied version, "changes not applied", service
// count, health summary and last rollout, kept current from the live stream. Cards on phones, a
// table from `md` up; an empty state that leads to the first stack.
"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ListError } from "@/components/common/list-error";
import { NewLink } from "@/components/common/new-link";
import { LiveIndicator } from "@/components/live/live-indicator";
import type { StackView } from "@/lib/stacks/schemas";
import { HealthSummary, PendingBadge, StackStatusBadge } from "./stack-badges";
import { IconStack } from "./stack-icon";
import { ROLLOUT_LOOK } from "./stack-model";
import { useStacksList } from "./stack-live";

function AppliedVersion({ stack }: { stack: StackView }) {
  return stack.appliedVersion === null ? <span className="text-zinc-500 dark:text-zinc-400">not applied</span> : <span className="tabular-nums">v{stack.appliedVersion}</span>;
}

function LastRollout({ stack }: { stack: StackView }) {
  const r = stack.lastRollout;
  if (!r) return <span className="text-zinc-500 dark:text-zinc-400">never applied</span>;
  const look = ROLLOUT_LOOK[r.status];
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="stack-last-rollout" data-status={r.status}>
      <Badge tone={look.tone}>{look.label}</Badge>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">
        v{r.version} · <Time iso={r.finishedAt ?? r.createdAt} />
      </span>
    </span>
  );
}

const count = (n: number) => `${n} service${n === 1 ? "" : "s"}`;

export function StacksList({ initial }: { initial: StackView[] }) {
  const { stacks, error, refetch, live } = useStacksList(initial);
  return (
    <>
      <PageHeader
        title="Stacks"
        description="Compose projects on your hosts, rolled out service by service behind their healthchecks."
        actions={stacks.length > 0 ? <NewLink href="/stacks/new">New stack</NewLink> : undefined}
      />
      {error != null && <ListError error={error} onRetry={refetch} />}
      {stacks.length === 0 ? (
        <Card>
          <EmptyState icon={<IconStack className="size-6" />} title="No stacks yet" action={<NewLink href="/stacks/new">New stack</NewLink>}>
            <p>
              A stack is a docker-compose.yml placed on one of your hosts: paste or upload the file you already run, review the plan, and apply. Each service must pass its
              healthcheck before the old container goes; a failure rolls that service back.
            </p>
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <div className="flex justify-end border-b border-zinc-200 px-5 py-2 dark:border-zinc-800">
            <LiveIndicator state={live} />
          </div>
          <ul className="divide-y divide-zinc-200 md:hidden dark:divide-zinc-800" aria-label="Stacks">
            {stacks.map((s) => (
              <li key={s.id} data-testid="stack-row" data-name={s.name}>
                <Link href={`/stacks/${s.id}`} className="block space-y-1.5 px-5 py-4 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                  <span className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium text-indigo-700 dark:text-indigo-300">{s.name}</span>
                    <span className="flex flex-wrap gap-1">
                      <StackStatusBadge stack={s} />
                      <PendingBadge stack={s} />
                    </span>
                  </span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {s.hostName ?? "no host"} · <AppliedVersion stack={s} /> · {count(s.services.length)}
                  </span>
                  <HealthSummary services={s.services} className="flex" />
                  <span className="block text-xs">
                    <LastRollout stack={s} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <Table className="hidden md:block" columns={["Name", "Host", "Applied", "Services", "Health", "Last apply"]}>
            {stacks.map((s) => (
              <TableRow key={s.id}>
                <td className="px-5 py-3" data-testid="stack-row" data-name={s.name}>
                  <Link href={`/stacks/${s.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {s.name}
                  </Link>
                  <span className="mt-1 flex flex-wrap gap-1">
                    <StackStatusBadge stack={s} />
                    <PendingBadge stack={s} />
                  </span>
                </td>
                <td className="px-5 py-3">{s.hostName ?? <span className="text-zinc-400">No host</span>}</td>
                <td className="px-5 py-3">
                  <AppliedVersion stack={s} />
                </td>
                <td className="px-5 py-3 tabular-nums">{s.services.length}</td>
                <td className="px-5 py-3">
                  <HealthSummary services={s.services} />
                </td>
                <td className="px-5 py-3">
                  <LastRollout stack={s} />
                </td>
              </TableRow>
            ))}
          </Table>
        </Card>
      )}
    </>
  );
}
