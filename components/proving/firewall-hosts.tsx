// Proving ground → Firewall: every host with its firewall state (agent online, firewall access,
// the last change), those needing attention first; each opens the host's firewall page.
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableRow } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { FirewallHostSummary } from "@/lib/firewall/schemas";
import { hostsByAttention, STATUS_LABEL, STATUS_TONE } from "./firewall-model";

export function FirewallHosts({ hosts }: { hosts: FirewallHostSummary[] }) {
  const sorted = hostsByAttention(hosts);
  const attention = sorted.filter((h) => h.lastChange?.status === "reverted" || h.lastChange?.status === "failed");
  return (
    <div className="space-y-4">
      {attention.length > 0 && (
        <Alert tone="warning" title={`${attention.length} host${attention.length === 1 ? "'s" : "s'"} last firewall change did not stick`}>
          {attention.map((h) => h.name).join(", ")}: the rules were reverted (Homeport could not confirm it still reached the agent) or failed. Open the host to see why.
        </Alert>
      )}
      <Card>
        <CardHeader
          title="Hosts"
          description="Each host's nftables rules, read through its agent. Homeport only ever writes its own table (inet homeport_fw), and every change reverts by itself unless Homeport can still reach the agent afterwards."
        />
        {sorted.length === 0 ? (
          <EmptyState title="No hosts yet">Add a host (enroll its agent) to see its firewall here.</EmptyState>
        ) : (
          <Table columns={["Host", "Agent", "Last change"]}>
            {sorted.map((h) => (
              <TableRow key={h.id}>
                <td className="px-5 py-3">
                  <Link href={`/proving/firewall/${encodeURIComponent(h.id)}`} className="font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400" data-testid="firewall-host-link">
                    {h.name}
                  </Link>
                </td>
                <td className="px-5 py-3">
                  <span className="flex flex-wrap gap-1">
                    <Badge tone={h.online ? "success" : "neutral"}>{h.online ? "Online" : "Offline"}</Badge>
                    {!h.allowFirewall && <Badge tone="warning">Firewall access off</Badge>}
                  </span>
                </td>
                <td className="px-5 py-3 text-zinc-600 dark:text-zinc-400">
                  {h.lastChange ? (
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge tone={STATUS_TONE[h.lastChange.status]}>{STATUS_LABEL[h.lastChange.status]}</Badge>
                      <Time iso={h.lastChange.createdAt} />
                    </span>
                  ) : (
                    "Never changed by Homeport"
                  )}
                </td>
              </TableRow>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
