import Link from "next/link";
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { detailLoader, detailMetadata } from "@/lib/pages/detail-page";
import { getServiceOrThrow } from "@/lib/inventory/services";
import { listHostChoices } from "@/lib/inventory/hosts";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { BackLink } from "@/components/common/back-link";
import { DeleteServiceButton } from "@/components/services/delete-service-button";
import { ServiceLabelsEditor } from "@/components/services/service-labels-editor";
import { ServiceForm } from "@/components/services/service-form";
import { DeploymentHistory } from "@/components/services/deployment-history";
import { Alert } from "@/components/ui/alert";
import { ServiceLogs, ServiceRuntime, ServiceStats } from "@/components/agents";
import { ConsoleLink } from "@/components/console/console-link";
import { ServiceUpdateBadge } from "@/components/updates/service-update-badge";
import { EgressProofStatus } from "@/components/services/egress-proof-status";
import { SwarmPanel } from "@/components/swarm/swarm-panel";
import { swarmPanelData } from "@/lib/agents";

export const dynamic = "force-dynamic";

const loadService = detailLoader(getServiceOrThrow);
export const generateMetadata = detailMetadata("Service", loadService, (r) => r.name);

export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageSession();
  const { id } = await params;
  const [service, hosts] = await Promise.all([loadService(id), listHostChoices(getDb())]);
  const swarm = await swarmPanelData(getDb(), service);
  const facts = [
    {
      label: "Host",
      value:
        service.hostId && service.hostName ? (
          <Link href={`/hosts/${service.hostId}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
            {service.hostName}
          </Link>
        ) : (
          <span className="text-amber-700 dark:text-amber-400">Not placed</span>
        ),
    },
    {
      label: "Routes",
      value:
        service.routeCount > 0 ? (
          <Link href="/routes" className="text-indigo-700 hover:underline dark:text-indigo-300">
            {service.routeCount} route{service.routeCount === 1 ? "" : "s"}
          </Link>
        ) : (
          "None"
        ),
    },
    { label: "Created", value: <Time iso={service.createdAt} /> },
    { label: "Updated", value: <Time iso={service.updatedAt} /> },
  ];
  const namedVolumes = service.volumes.filter((v) => !v.source.startsWith("/")).map((v) => v.source);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        back={<BackLink href="/services">Services</BackLink>}
        title={service.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono">{service.image}</code>
            {service.egress === "offline" && <Badge tone="info">offline</Badge>}
            <ServiceUpdateBadge serviceId={service.id} />
          </span>
        }
        actions={
          service.stackId ? undefined : (
            <DeleteServiceButton id={service.id} name={service.name} routeCount={service.routeCount} namedVolumes={namedVolumes} hostId={service.hostId} />
          )
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-4 rounded-xl border border-zinc-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-900">
        {facts.map((f) => (
          <div key={f.label}>
            <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">{f.label}</dt>
            <dd className="mt-1 font-medium">{f.value}</dd>
          </div>
        ))}
        <div className="col-span-2 sm:col-span-4">
          <dt className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Tags and group</dt>
          <dd className="mt-1 text-sm">
            <ServiceLabelsEditor id={service.id} tags={service.tags} groupName={service.groupName} readOnly={Boolean(service.stackId)} />
          </dd>
        </div>
      </dl>
      <div className="mb-8 space-y-6">
        <EgressProofStatus serviceId={service.id} egress={service.egress} hasHost={Boolean(service.hostId)} />
        {service.stackId && (
          <Alert tone="info" title={`Managed by stack ${service.stackName ?? ""}`}>
            Its settings come from the stack&apos;s Compose file (service <code className="font-mono">{service.stackService}</code>) and are read-only here.{" "}
            <Link href={`/stacks/${service.stackId}`} className="font-medium underline">Open stack {service.stackName}</Link> to edit, apply, start or stop it.
          </Alert>
        )}
        {!service.hostId && (
          <Alert tone="info" title="Not placed on a host yet">
            {hosts.length > 0 ? (
              <>
                Choose a <a href="#hostId" className="font-medium underline">Target host</a> under Settings below and save; then deploy it from here.
              </>
            ) : (
              <>
                No host has enrolled yet. <Link href="/hosts" className="font-medium underline">Add a host</Link> (its agent dials out to this dashboard), then choose it as the
                Target host under Settings below and deploy.
              </>
            )}
          </Alert>
        )}
        {service.hostId && <div className="flex justify-end"><ConsoleLink serviceId={service.id} /></div>}
        {swarm && <SwarmPanel serviceId={service.id} placement={swarm.placement} manager={swarm.manager} routingMesh={swarm.routingMesh} deployed={swarm.deployed} />}
        <ServiceRuntime serviceId={service.id} hasHost={Boolean(service.hostId)} stackName={service.stackName} desiredState={service.desiredState} swarm={swarm?.placement.mode === "swarm"} />
        {service.hostId && (
          <>
            {swarm?.placement.mode !== "swarm" && <ServiceStats serviceId={service.id} />}
            {swarm?.placement.mode !== "swarm" && <ServiceLogs serviceId={service.id} name={service.name} />}
            <DeploymentHistory serviceId={service.id} />
          </>
        )}
      </div>
      <h2 id="settings" className="mb-3 text-lg font-semibold">Settings</h2>
      <ServiceForm key={service.updatedAt} service={service} hosts={hosts} />
    </div>
  );
}
