// A service's console and inspect page: the console (admins only; says why it cannot open when the
// container is not running, the host is offline or its owner forbids exec) and the inspect view.
import { getDb } from "@/lib/db";
import { requirePageSession } from "@/lib/auth/page-session";
import { scopeCovers, ROLE_SCOPES } from "@/lib/auth/schemas";
import { detailLoader, detailMetadata } from "@/lib/pages/detail-page";
import { getServiceOrThrow } from "@/lib/inventory/services";
import { findAgentHub, serviceContainer } from "@/lib/agents";
import { HostPolicySchema } from "@/lib/protocol";
import { PageHeader } from "@/components/ui/page-header";
import { BackLink } from "@/components/common/back-link";
import { Alert } from "@/components/ui/alert";
import { ConsolePanel } from "@/components/console/console-panel";
import { ContainerInspect } from "@/components/agents/container-inspect";

export const dynamic = "force-dynamic";

const loadService = detailLoader(getServiceOrThrow);
export const generateMetadata = detailMetadata("Console", loadService, (r) => `${r.name}: console`);

async function consoleBlocked(service: Awaited<ReturnType<typeof loadService>>): Promise<string | null> {
  const db = getDb();
  if (!service.hostId) return "The service is not placed on a host yet.";
  const container = await serviceContainer(db, service);
  if (!container) return "The service has no container yet; deploy it first.";
  if (!findAgentHub()?.isOnline(service.hostId)) return `The agent of ${service.hostName ?? "its host"} is not connected.`;
  const host = await db.host.findUnique({ where: { id: service.hostId }, select: { agentPolicy: true } });
  const policy = host?.agentPolicy ? HostPolicySchema.safeParse(JSON.parse(host.agentPolicy)) : null;
  if (policy?.success && !policy.data.allowExec) return `The owner of ${service.hostName ?? "this host"} turned consoles off: its agent runs with --deny-exec. Remove the flag on that host to allow them.`;
  if (container.state !== "running") return `The container is ${container.state}; start the service to open a console.`;
  return null;
}

export default async function ServiceConsolePage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requirePageSession();
  const { id } = await params;
  const service = await loadService(id);
  const admin = scopeCovers(ROLE_SCOPES[session.role], "admin");
  const blocked = admin ? await consoleBlocked(service) : null;
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader back={<BackLink href={`/services/${service.id}`}>{service.name}</BackLink>} title={admin ? `Console: ${service.name}` : `Inspect: ${service.name}`} description={<code className="font-mono">{service.image}</code>} />
      <div className="space-y-6">
        {!service.hostId ? (
          <Alert tone="info" title="Not placed on a host yet">Place and deploy the service to open a console or inspect its container.</Alert>
        ) : (
          <>
            {admin && <ConsolePanel serviceId={service.id} serviceName={service.name} csrfToken={session.csrfToken} blocked={blocked} />}
            <ContainerInspect serviceId={service.id} />
          </>
        )}
      </div>
    </div>
  );
}
