// A host's firewall changes, newest first: who, when, and whether it was confirmed or reverted.
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { FirewallChangeView } from "@/lib/firewall/schemas";
import { STATUS_LABEL, STATUS_TONE } from "./firewall-model";

export function FirewallChanges({ changes }: { changes: FirewallChangeView[] }) {
  return (
    <Card data-testid="firewall-changes">
      <CardHeader title="Change history" description="Every change Homeport applied to this host's table, newest first." />
      {changes.length === 0 ? (
        <EmptyState title="No changes yet">Homeport has never changed this host&apos;s firewall.</EmptyState>
      ) : (
        <Table columns={["When", "Status", "By", "Rules", { label: "Detail", className: "min-w-48" }]}>
          {changes.map((c) => (
            <TableRow key={c.id}>
              <td className="px-5 py-3 whitespace-nowrap"><Time iso={c.createdAt} /></td>
              <td className="px-5 py-3"><Badge tone={STATUS_TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge></td>
              <td className="px-5 py-3">{c.actor}</td>
              <td className="px-5 py-3">{c.ruleCount}</td>
              <td className="px-5 py-3 text-zinc-600 dark:text-zinc-400">
                {c.error ?? (c.status === "confirmed" ? "Kept: Homeport reached the agent with the rules on." : "")}
                {c.status === "applied" && c.deadlineAt && (
                  <span className="block text-xs">Reverts by itself <Time iso={c.deadlineAt} /> unless confirmed.</span>
                )}
              </td>
            </TableRow>
          ))}
        </Table>
      )}
    </Card>
  );
}
