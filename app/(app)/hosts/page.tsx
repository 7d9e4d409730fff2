import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listHosts } from "@/lib/inventory/hosts";
import { MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { IconServer } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Hosts" };

/** An agent that has not been heard from for this long is shown as "unknown", never "down". */
const STALE_AFTER_MS = 2 * 60_000;

function HostStatus({ lastSeenAt, revoked, now }: { lastSeenAt: string | null; revoked: boolean; now: number }) {
  if (revoked) return <Badge tone="danger">revoked</Badge>;
  if (!lastSeenAt) return <Badge>never connected</Badge>;
  return now - new Date(lastSeenAt).getTime() < STALE_AFTER_MS ? <Badge tone="success">connected</Badge> : <Badge tone="warning">unknown</Badge>;
}

export default async function HostsPage() {
  await requirePageSession();
  const { items: hosts } = await listHosts(getDb(), { limit: MAX_PAGE_SIZE });
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  return (
    <>
      <PageHeader title="Hosts" description="Machines where a Homeport agent runs and deploys your services." />
      {hosts.length === 0 ? (
        <Card>
          <EmptyState icon={<IconServer className="size-6" />} title="No hosts yet">
            <p>
              Hosts appear here when a Homeport agent enrolls. The agent runs next to Docker on each machine and dials out to this dashboard, so hosts behind NAT or on a VPS work the
              same way. Docker is never exposed over the network.
            </p>
            <p className="mt-3">Agent enrollment is coming in a later version. Until then you can define services and routes, and place them on a host once it has joined.</p>
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Hosts">
            {hosts.map((h) => (
              <li key={h.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                <div className="min-w-0">
                  <p className="flex items-center gap-2 font-medium">
                    {h.name}
                    <HostStatus lastSeenAt={h.lastSeenAt} revoked={h.revoked} now={now} />
                  </p>
                  <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                    {h.role === "swarm-manager" ? "Swarm manager" : "Docker"} · {h.vantage === "lan" ? "on the LAN" : "remote"}
                    {h.addresses.length > 0 && <> · <span className="font-mono">{h.addresses.join(", ")}</span></>}
                    {h.version && <> · agent {h.version}</>}
                  </p>
                </div>
                <div className="text-right text-xs text-zinc-500 dark:text-zinc-400">
                  <p>
                    {h.serviceCount} service{h.serviceCount === 1 ? "" : "s"}
                  </p>
                  {h.lastSeenAt && (
                    <p>
                      seen <Time iso={h.lastSeenAt} />
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
