import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { listHosts } from "@/lib/inventory/hosts";
import { hostUsage, listHostStatuses, type HostUsage } from "@/lib/agents";
import { formatBytes, formatPercent } from "@/lib/client/format";
import { MAX_PAGE_SIZE } from "@/lib/api/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconServer } from "@/components/ui/icons";
import { AddHostButton } from "@/components/hosts/add-host-button";
import { HostStatusCell, HostsLive } from "@/components/hosts/hosts-live";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage() {
  const session = await requirePageSession();
  const db = getDb();
  const [{ items: hosts }, statuses, usage] = await Promise.all([listHosts(db, { limit: MAX_PAGE_SIZE }), listHostStatuses(db), hostUsage(db)]);
  const statusById = new Map(statuses.map((s) => [s.hostId, s]));
  const rows = hosts.flatMap((h) => {
    const status = statusById.get(h.id);
    return status ? [{ host: h, status }] : [];
  });
  rows.sort((a, b) => a.host.name.localeCompare(b.host.name));
  const isAdmin = session.role === "admin";
  return (
    <>
      <PageHeader title="Hosts" description="Machines where a Homeport agent runs and deploys your services." actions={isAdmin && rows.length > 0 ? <AddHostButton /> : undefined} />
      <HostsLive knownIds={rows.map((r) => r.host.id)} />
      {rows.length === 0 ? (
        <Card>
          <EmptyState icon={<IconServer className="size-6" />} title="No hosts yet" action={isAdmin ? <AddHostButton /> : undefined}>
            <p>
              Hosts appear here when a Homeport agent enrolls. The agent runs next to Docker on each machine and dials out to this dashboard, so hosts behind NAT or on a VPS work the
              same way. Docker is never exposed over the network.
            </p>
            <p className="mt-3">
              {isAdmin
                ? "Add a host to get a one-time token and the command to run on the machine; it shows up here as soon as its agent connects."
                : "Ask an administrator to add a host: they get a one-time token and the command to run on the machine."}
            </p>
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Hosts">
            {rows.map(({ host: h, status }) => (
              <li key={h.id} className="relative flex flex-wrap items-center justify-between gap-3 px-5 py-4 hover:bg-zinc-50 dark:hover:bg-zinc-800/50" data-testid="host-row" data-name={h.name}>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <Link href={`/hosts/${h.id}`} className="font-medium text-zinc-900 after:absolute after:inset-0 hover:underline dark:text-zinc-100">
                      {h.name}
                    </Link>
                    <span className="relative">
                      <HostStatusCell initial={status} />
                    </span>
                  </p>
                  <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                    {status.hostname && status.hostname !== h.name && <>{status.hostname} · </>}
                    {h.role === "swarm-manager" ? "Swarm manager" : "Docker"}
                    {status.docker && <> {status.docker.serverVersion}</>} · {h.vantage === "lan" ? "on the LAN" : "remote"}
                    {h.addresses.length > 0 && (
                      <>
                        {" "}
                        · <span className="font-mono break-all">{h.addresses.join(", ")}</span>
                      </>
                    )}
                  </p>
                </div>
                <HostFigures serviceCount={h.serviceCount} usage={usage.get(h.id)} agentVersion={status.agentVersion} />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

/** Services, containers running of total, CPU and memory of its running containers (where sampled), agent version. */
function HostFigures({ serviceCount, usage, agentVersion }: { serviceCount: number; usage: HostUsage | undefined; agentVersion: string | null }) {
  const down = usage ? usage.total - usage.running : 0;
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs text-zinc-500 sm:text-right dark:text-zinc-400" data-testid="host-figures">
      <dt className="sr-only">Services</dt>
      <dd>{serviceCount} service{serviceCount === 1 ? "" : "s"}</dd>
      <dt className="sr-only">Containers</dt>
      <dd className={down > 0 ? "text-amber-700 dark:text-amber-400" : undefined}>{usage ? `${usage.running}/${usage.total} running` : "no containers"}</dd>
      <dt className="sr-only">CPU and memory</dt>
      <dd className="tabular-nums">{usage?.cpuPercent != null ? `CPU ${formatPercent(usage.cpuPercent)}` : "CPU —"}{usage?.memoryBytes != null ? ` · ${formatBytes(usage.memoryBytes)}` : ""}</dd>
      <dt className="sr-only">Agent version</dt>
      <dd>{agentVersion ? `agent ${agentVersion}` : "agent —"}</dd>
    </dl>
  );
}
