// "Recent activity": the latest changes in words ("Deployed a service"), who did them and when.
import Link from "next/link";
import type { RecentActivity as Row } from "@/lib/overview/schemas";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { IconActivity } from "@/components/ui/icons";
import { actionLabel, targetHref } from "@/lib/client/format";

export function RecentActivity({ rows }: { rows: Row[] }) {
  return (
    <Card aria-labelledby="recent-title">
      <CardHeader
        id="recent-title"
        title="Recent activity"
        actions={
          <Link href="/audit" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            View all
          </Link>
        }
      />
      {rows.length === 0 ? (
        <EmptyState icon={<IconActivity className="size-6" />} title="No activity yet" />
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => {
            const href = targetHref(r.targetType, r.targetId, r.action);
            return (
              <li key={r.id} className="flex items-center justify-between gap-4 px-5 py-3 text-sm">
                <div className="min-w-0">
                  <p className="truncate font-medium text-zinc-800 dark:text-zinc-200">
                    {href ? (
                      <Link href={href} className="hover:underline">
                        {actionLabel(r.action)}
                      </Link>
                    ) : (
                      actionLabel(r.action)
                    )}
                  </p>
                  <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">by {r.actorName ?? "Homeport"}</p>
                </div>
                <Time iso={r.at} className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400" />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
