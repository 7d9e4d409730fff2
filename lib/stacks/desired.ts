// What a stack wants running: one DesiredService per Compose service, in the inventory's own
// shapes (the same fields a single service has), plus its dependencies. Built from a parsed
// Compose project by mapping.ts; compared with what exists by plan.ts.
import type { NetworkAttachment } from "@/lib/protocol";
import type { ServiceCreateInput } from "@/lib/inventory/schemas";
import type { ServiceRuntime } from "@/lib/inventory/runtime";

export type DependsCondition = "service_started" | "service_healthy" | "service_completed_successfully";

export interface DesiredService {
  /** The service's key in the Compose file. */
  key: string;
  /** The Homeport service (and container) name: `<stack>-<key>`. */
  name: string;
  image: string;
  command: string[];
  env: Record<string, string>;
  ports: ServiceCreateInput["ports"];
  volumes: ServiceCreateInput["volumes"];
  healthcheck: ServiceCreateInput["healthcheck"];
  restartPolicy: ServiceCreateInput["restartPolicy"];
  egress: ServiceCreateInput["egress"];
  runtime: ServiceRuntime;
  networks: NetworkAttachment[];
  dependsOn: { service: string; condition: DependsCondition; required: boolean }[];
}

/**
 * Rollout order: services grouped in levels, each level depending only on earlier ones; a level's
 * services roll out in parallel. Compose files are checked for cycles when parsed; a cycle here
 * (never expected) puts the rest in one last level rather than looping.
 */
export function dependencyLevels(services: Pick<DesiredService, "key" | "dependsOn">[]): string[][] {
  const keys = new Set(services.map((s) => s.key));
  const deps = new Map(services.map((s) => [s.key, new Set(s.dependsOn.map((d) => d.service).filter((d) => keys.has(d) && d !== s.key))]));
  const levels: string[][] = [];
  const placed = new Set<string>();
  while (placed.size < keys.size) {
    const level = [...keys].filter((k) => !placed.has(k) && [...deps.get(k)!].every((d) => placed.has(d))).sort();
    if (level.length === 0) {
      levels.push([...keys].filter((k) => !placed.has(k)).sort());
      break;
    }
    level.forEach((k) => placed.add(k));
    levels.push(level);
  }
  return levels;
}
