// `depends_on` (list or map form) into typed dependencies, and the checks across services: unknown
// services, cycles (named in full), and a start order that puts every service after what it needs.
import { allEntries, isRecord, type Reporter } from "./context";
import type { KeyPath } from "./issues";
import type { ComposeDependency, DependsCondition } from "./schemas";
import { parseBool } from "./units";

export function normaliseDependsOn(value: unknown, base: KeyPath, r: Reporter): ComposeDependency[] {
  if (Array.isArray(value)) {
    return value.map((service) => ({ service: String(service), condition: "service_started", required: true, restart: false }));
  }
  const out: ComposeDependency[] = [];
  for (const [service, v] of allEntries(value)) {
    const d = isRecord(v) ? v : {};
    const required = d.required === undefined ? true : parseBool(d.required);
    const restart = d.restart === undefined ? false : parseBool(d.restart);
    if (required === null) r.error([...base, service, "required"], "required is true or false");
    if (restart === null) r.error([...base, service, "restart"], "restart is true or false");
    out.push({ service, condition: (d.condition as DependsCondition | undefined) ?? "service_started", required: required ?? true, restart: restart ?? false });
  }
  return out;
}

/**
 * Unknown dependencies and cycles are errors; returns the services in start order (dependencies
 * first, ties by name). `deps` maps each service to its dependencies and their paths.
 */
export function checkDependencies(deps: Map<string, { service: string; path: KeyPath }[]>, r: Reporter): string[] {
  const names = new Set(deps.keys());
  for (const list of deps.values()) {
    for (const d of list) {
      if (!names.has(d.service)) r.error(d.path, `depends on ${JSON.stringify(d.service)}, which is not a service in this file`);
    }
  }
  // Depth-first search with colours; a grey node reached again closes a cycle.
  const state = new Map<string, "grey" | "black">();
  const order: string[] = [];
  const reported = new Set<string>();
  const visit = (start: string) => {
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    state.set(start, "grey");
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const list = (deps.get(top.name) ?? []).filter((d) => names.has(d.service)).sort((a, b) => a.service.localeCompare(b.service));
      if (top.next >= list.length) {
        state.set(top.name, "black");
        order.push(top.name);
        stack.pop();
        continue;
      }
      const dep = list[top.next++]!;
      const s = state.get(dep.service);
      if (s === "grey") {
        const from = stack.findIndex((f) => f.name === dep.service);
        const cycle = [...stack.slice(from).map((f) => f.name), dep.service];
        const key = [...cycle.slice(0, -1)].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          r.error(dep.path, `dependency cycle: ${cycle.join(" → ")}`);
        }
      } else if (s === undefined) {
        state.set(dep.service, "grey");
        stack.push({ name: dep.service, next: 0 });
      }
    }
  };
  for (const name of [...names].sort()) if (!state.has(name)) visit(name);
  return order;
}
