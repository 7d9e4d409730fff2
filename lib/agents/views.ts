// Row → view mappers for the agents domain (Prisma rows to the API's zod shapes).
import type { ContainerState, Deployment, EnrollmentToken, Host } from "@/lib/generated/prisma/client";
import { DockerInfoSchema } from "@/lib/protocol";
import {
  ContainerStateSchema,
  DeploymentSchema,
  EnrollmentSchema,
  HostStatusSchema,
  type ContainerStateView,
  type DeploymentView,
  type EnrollmentView,
  type HostStatusView,
} from "./schemas";

export function toEnrollmentView(r: EnrollmentToken): EnrollmentView {
  return EnrollmentSchema.parse({
    id: r.id,
    name: r.name,
    expiresAt: r.expiresAt.toISOString(),
    usedAt: r.usedAt?.toISOString() ?? null,
    hostId: r.hostId,
    createdAt: r.createdAt.toISOString(),
  });
}

export function toHostStatusView(h: Host, online: boolean): HostStatusView {
  let docker = null;
  try {
    const r = DockerInfoSchema.safeParse(h.dockerInfo ? JSON.parse(h.dockerInfo) : null);
    docker = r.success ? r.data : null;
  } catch {
    docker = null;
  }
  return HostStatusSchema.parse({
    hostId: h.id,
    name: h.name,
    online: online && !h.revokedAt,
    lastSeenAt: h.lastSeenAt?.toISOString() ?? null,
    agentVersion: h.version,
    protocolVersion: h.protocolVersion,
    versionMismatch: h.versionMismatch,
    hostname: h.hostname,
    docker,
    revoked: h.revokedAt !== null,
  });
}

export function toContainerStateView(r: ContainerState): ContainerStateView {
  return ContainerStateSchema.parse({
    hostId: r.hostId,
    containerId: r.containerId,
    name: r.name,
    image: r.image,
    state: r.state,
    status: r.status,
    health: r.health,
    exitCode: r.exitCode,
    managed: r.managed,
    serviceId: r.serviceId,
    specHash: r.specHash,
    ports: JSON.parse(r.ports),
    startedAt: r.startedAt?.toISOString() ?? null,
    observedAt: r.observedAt.toISOString(),
  });
}

export function toDeploymentView(r: Deployment): DeploymentView {
  return DeploymentSchema.parse({
    id: r.id,
    serviceId: r.serviceId,
    hostId: r.hostId,
    specHash: r.specHash,
    status: r.status,
    log: r.log ? r.log.split("\n") : [],
    error: r.error,
    containerId: r.containerId,
    actorName: r.actorName,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  });
}
