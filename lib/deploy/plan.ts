// planRollout: the pure decision of what applying a spec means, given what runs on the host.
// applyRollout (agents/deploy.ts) carries the plan out with dockerode.
import type { ContainerSummary, ServiceSpec } from "@/lib/protocol";

export type RolloutPlan =
  | { kind: "unchanged"; containerId: string }
  | {
      kind: "create" | "replace";
      /** Managed containers of this service to remove once the new one is healthy. */
      old: ContainerSummary[];
      /** True when the old container must stop first (it holds a host port the new one needs). */
      stopOldFirst: boolean;
    };

const portKey = (p: { host: number | null | undefined; hostIp?: string | null; protocol: string }) =>
  `${p.host}/${p.protocol}`;

/**
 * Same hash and running → unchanged. Anything else → a new container. The old one keeps serving
 * until the new one is healthy, unless both publish the same host port: then the old one must
 * stop first and the gap is the new container's health wait.
 */
export function planRollout(spec: ServiceSpec, hash: string, observed: ContainerSummary[]): RolloutPlan {
  const mine = observed.filter((c) => c.managed && c.serviceId === spec.serviceId);
  const current = mine.find((c) => c.specHash === hash && c.state === "running" && c.name === spec.name);
  if (current && mine.length === 1) return { kind: "unchanged", containerId: current.id };
  const wanted = new Set(spec.ports.filter((p) => p.host !== undefined).map((p) => portKey({ host: p.host, protocol: p.protocol })));
  const stopOldFirst = mine.some(
    (c) => (c.state === "running" || c.state === "restarting") && c.ports.some((p) => p.host !== null && wanted.has(portKey(p))),
  );
  return { kind: mine.length === 0 ? "create" : "replace", old: mine, stopOldFirst };
}
