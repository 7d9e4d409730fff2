// Row → view mappers for the agents domain: each row is parsed by its aggregate's row parser
// (lib/agents/rows, lib/inventory's hostRows), and the view is derived from the record.
import type { EnrollmentToken } from "@/lib/generated/prisma/client";
import { hostRows, type HostRecord } from "@/lib/inventory";
import { containerStateRows, deploymentRows, type ContainerStateRecord, type DeploymentRecord } from "./rows";
import type { ContainerStateView, DeploymentView, EnrollmentView, HostStatusView } from "./schemas";

type HostRow = Parameters<typeof hostRows.parse>[0];
type ContainerStateRow = Parameters<typeof containerStateRows.parse>[0];
type DeploymentRow = Parameters<typeof deploymentRows.parse>[0];

export function toEnrollmentView(r: EnrollmentToken): EnrollmentView {
  return {
    id: r.id,
    name: r.name,
    expiresAt: r.expiresAt.toISOString(),
    usedAt: r.usedAt?.toISOString() ?? null,
    hostId: r.hostId,
    createdAt: r.createdAt.toISOString(),
  };
}

/** A host as the dashboard shows its agent: online only while a session is open and the host is not revoked. */
export function hostStatusView(h: HostRecord, online: boolean): HostStatusView {
  return {
    hostId: h.id,
    name: h.name,
    online: online && !h.revokedAt,
    lastSeenAt: h.lastSeenAt?.toISOString() ?? null,
    agentVersion: h.version,
    protocolVersion: h.protocolVersion,
    versionMismatch: h.versionMismatch,
    hostname: h.hostname,
    docker: h.dockerInfo,
    revoked: h.revokedAt !== null,
  };
}

export const toHostStatusView = (row: HostRow, online: boolean): HostStatusView => hostStatusView(hostRows.parse(row), online);

export function containerStateView(r: ContainerStateRecord): ContainerStateView {
  const { id: _id, ...rest } = r;
  return { ...rest, startedAt: r.startedAt?.toISOString() ?? null, observedAt: r.observedAt.toISOString() };
}

export const toContainerStateView = (row: ContainerStateRow): ContainerStateView => containerStateView(containerStateRows.parse(row));

export function deploymentView(r: DeploymentRecord): DeploymentView {
  return { ...r, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null };
}

export const toDeploymentView = (row: DeploymentRow): DeploymentView => deploymentView(deploymentRows.parse(row));
