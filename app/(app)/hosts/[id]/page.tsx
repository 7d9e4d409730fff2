import Link from "next/link";
import type { Db } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { detailLoader, detailMetadata } from "@/lib/pages/detail-page";
import { getHostOrThrow, listHostServices } from "@/lib/inventory/hosts";
import { getHostStatusOrThrow } from "@/lib/agents";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Time } from "@/components/ui/time";
import { BackLink } from "@/components/common/back-link";
import { HostContainers, HostStatusBadge } from "@/components/agents";
import { RevokeHost } from "@/components/hosts/revoke-host";
import { DeleteButton } from "@/components/common/delete-button";
import { HostVantageSelect } from "@/components/hosts/host-vantage";
import { HostPolicyCard } from "@/components/hosts/host-policy";
import { HostAddressesCard } from "@/components/hosts/host-addresses";
import { ImagesCard } from "@/components/stacks/images-card";
import { SwarmRole } from "@/components/swarm/swarm-role";

export const dynamic = "force-dynamic";

const loadHost = detailLoader(async (db: Db, id: string) => {
  const [host, status, services] = await Promise.all([getHostOrThrow(db, id), getHostStatusOrThrow(db, id), listHostServices(db, id)]);
  return { host, status, services };
});
export const generateMetadata = detailMetadata("Host", loadHost, (r) => r.host.name);

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePageSession();
  const { id } = await params;
  const { host, status, services } = await loadHost(id);
  const docker = status.docker;
  const facts: { label: string; value: React.ReactNode }[] = [
    { label: "Hostname", value: status.hostname ?? "–" },
    { label: "Addresses", value: host.addresses.length ? <span className="font-mono break-all">{host.addresses.join(", ")}</span> : "–" },
    { label: "Agent", value: status.agentVersion ? `${status.agentVersion}${status.protocolVersion !== null ? ` · protocol ${status.protocolVersion}` : ""}` : "–" },
    { label: "Docker", value: docker ? `${docker.serverVersion} · ${docker.os} ${docker.arch}` : "–" },
    ...(docker?.swarm ? [{ label: "Swarm", value: <SwarmRole swarm={docker.swarm} /> }] : []),
    {
      label: "Probes from",
      value: session.role === "admin" && !status.revoked ? <HostVantageSelect hostId={host.id} initial={host.vantage} /> : host.vantage === "lan" ? "On the LAN" : "Away (remote)",
    },
    { label: "Last seen", value: status.lastSeenAt ? <Time iso={status.lastSeenAt} /> : "Never" },
  ];
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        back={<BackLink href="/hosts">Hosts</BackLink>}
        title={host.name}
        description={<HostStatusBadge hostId={host.id} initial={status} />}
        actions={
          session.role !== "admin" ? undefined : !status.revoked ? (
            <RevokeHost hostId={host.id} hostName={host.name} />
          ) : (
            <DeleteButton
              url={`/api/v1/hosts/${host.id}`}
              noun="host"
              name={host.name}
              redirectTo="/hosts"
              consequence="Homeport forgets it: its services stay, unplaced, with their history; nothing on the machine is touched. Stacks placed on it must be removed first."
            />
          )
        }
      />
      {status.revoked && <Alert tone="error" title="Revoked">This host&apos;s agent can no longer connect. To bring the machine back, add it again with a new token; to forget it, delete it.</Alert>}
      {status.versionMismatch && (
        <Alert tone="warning" title="Protocol version mismatch">
          {status.versionMismatch}. Update the agent on this host (or the control plane) so both speak the same protocol.
        </Alert>
      )}
      <dl className="grid grid-cols-1 gap-4 rounded-xl border border-zinc-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-900">
        {facts.map((f) => (
          <div key={f.label} className="min-w-0">
            <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">{f.label}</dt>
            <dd className="mt-1 font-medium break-words">{f.value}</dd>
          </div>
        ))}
      </dl>
      <div className="relative overflow-x-auto">
        <HostContainers hostId={host.id} />
      </div>
      <ImagesCard path={`/api/v1/hosts/${host.id}/images`} hostId={host.id} showUsers />
      <HostAddressesCard hostId={host.id} initial={host.addresses} online={status.online} revoked={status.revoked} />
      <HostPolicyCard hostId={host.id} policy={host.agentPolicy} bindRoots={host.bindRoots} canEdit={session.role === "admin" && !status.revoked} />
      <Card aria-labelledby="host-services">
        <CardHeader id="host-services" title="Services" description="Services placed on this host in the inventory." />
        {services.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">
            None yet. Pick this host as the target of a service, or{" "}
            <Link href="/services/new" className="text-indigo-700 hover:underline dark:text-indigo-300">
              create one
            </Link>
            .
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {services.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
                <Link href={`/services/${s.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {s.name}
                </Link>
                <code className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{s.image}</code>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
