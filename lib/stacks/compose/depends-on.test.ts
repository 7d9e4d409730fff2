import { describe, expect, it } from "vitest";
import { checkDependencies, normaliseDependsOn } from "./depends-on";

const reporter = (errors: string[]) => ({ error: (p: readonly (string | number)[], m: string) => errors.push(`${p.join(".")}: ${m}`), warn: () => undefined });

function graph(edges: Record<string, string[]>) {
  const deps = new Map(Object.entries(edges).map(([name, list]) => [name, list.map((service) => ({ service, path: ["services", name, "depends_on", service] }))]));
  const errors: string[] = [];
  const order = checkDependencies(deps, reporter(errors));
  return { order, errors };
}

describe("normaliseDependsOn", () => {
  it("reads the list form as service_started, required", () => {
    expect(normaliseDependsOn(["db", "redis"], [], reporter([]))).toEqual([
      { service: "db", condition: "service_started", required: true, restart: false },
      { service: "redis", condition: "service_started", required: true, restart: false },
    ]);
  });

  it("reads the map form's condition, required and restart", () => {
    expect(normaliseDependsOn({ db: { condition: "service_healthy", restart: true }, init: { condition: "service_completed_successfully", required: false } }, [], reporter([]))).toEqual([
      { service: "db", condition: "service_healthy", required: true, restart: true },
      { service: "init", condition: "service_completed_successfully", required: false, restart: false },
    ]);
  });
});

describe("checkDependencies", () => {
  it("orders services after what they depend on", () => {
    const { order, errors } = graph({ web: ["api"], api: ["db", "cache"], db: [], cache: [], worker: ["db"] });
    expect(errors).toEqual([]);
    for (const [a, b] of [["db", "api"], ["cache", "api"], ["api", "web"], ["db", "worker"]]) expect(order.indexOf(a!)).toBeLessThan(order.indexOf(b!));
    expect(order).toHaveLength(5);
  });

  it("names an unknown service", () => {
    expect(graph({ web: ["dbb"], db: [] }).errors).toEqual(['services.web.depends_on.dbb: depends on "dbb", which is not a service in this file']);
  });

  it("names a cycle in full, once", () => {
    expect(graph({ a: ["b"], b: ["c"], c: ["a"] }).errors).toEqual(["services.c.depends_on.a: dependency cycle: a → b → c → a"]);
    expect(graph({ web: ["web"] }).errors).toEqual(["services.web.depends_on.web: dependency cycle: web → web"]);
  });

  it("finds separate cycles", () => {
    expect(graph({ a: ["b"], b: ["a"], c: ["d"], d: ["c"], e: [] }).errors).toHaveLength(2);
  });

  it("handles a long chain without recursion", () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 5000; i++) edges[`s${i}`] = i === 0 ? [] : [`s${i - 1}`];
    const { order, errors } = graph(edges);
    expect(errors).toEqual([]);
    expect(order[0]).toBe("s0");
    expect(order[4999]).toBe("s4999");
  });
});
