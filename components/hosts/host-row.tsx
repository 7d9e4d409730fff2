// One row of the Hosts list: name, status, engine and addresses on the left; services, containers,
// CPU and memory and the agent's version on the right. The whole row links to the host's page.
import Link from "next/link";
import { HostStatusLabel } from "@/components/agents";
import { formatBytes, formatPercent } from "@/lib/client/format";
import type { HostListRow } from "@/lib/pages/schemas";

export function HostRow({ host: h }: { host: HostListRow }) {
  const status = h.status;
  return (
    <li className="relative flex flex-wrap items-center justify-between gap-3 px-5 py-4 hover:bg-zinc-50 dark:hover:bg-zinc-800/50" data-testid="host-row" data-name={h.name}>
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2">
          <Link href={`/hosts/${h.id}`} className="font-medium text-zinc-900 after:absolute after:inset-0 hover:underline dark:text-zinc-100">
            {h.name}
          </Link>
          <span className="relative">
            <HostStatusLabel status={status} />
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
      <HostFigures host={h} />
    </li>
  );
}

/** Services, containers running of total, CPU and memory of its running containers (where sampled), agent version. */
function HostFigures({ host: h }: { host: HostListRow }) {
  const { usage, serviceCount } = h;
  const down = usage.total - usage.running;
  const agentVersion = h.status.agentVersion;
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs text-zinc-500 sm:text-right dark:text-zinc-400" data-testid="host-figures">
      <dt className="sr-only">Services</dt>
      <dd>{serviceCount} service{serviceCount === 1 ? "" : "s"}</dd>
      <dt className="sr-only">Containers</dt>
      <dd className={down > 0 ? "text-amber-700 dark:text-amber-400" : undefined}>{usage.total > 0 ? `${usage.running}/${usage.total} running` : "no containers"}</dd>
      <dt className="sr-only">CPU and memory</dt>
      <dd className="tabular-nums">{usage.cpuPercent != null ? `CPU ${formatPercent(usage.cpuPercent)}` : "CPU —"}{usage.memoryBytes != null ? ` · ${formatBytes(usage.memoryBytes)}` : ""}</dd>
      <dt className="sr-only">Agent version</dt>
      <dd>{agentVersion ? `agent ${agentVersion}` : "agent —"}</dd>
    </dl>
  );
}
