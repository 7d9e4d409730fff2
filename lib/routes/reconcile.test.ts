// The reconciler with fake part appliers over a real SQLite database: order, skips, failures with
// backoff, dependencies, retries of due and interrupted parts, and idempotence.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { RETRY_BASE_MS } from "@/lib/dns/backoff";
import type { PartDerivation } from "./derive";
import { listRouteParts, reconcileDueRoutes, reconcileRoute, type PartOutcome, type RouteDriver } from "./reconcile";
import { ROUTE_PARTS, type RoutePartName } from "./schemas";

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });

const T0 = new Date("2026-03-01T12:00:00.000Z");

/** A driver whose parts answer from a table; records the order of calls. */
function fakeDriver(kinds: Partial<Record<RoutePartName, PartDerivation["kind"]>>, outcomes: Partial<Record<RoutePartName, PartOutcome | Error>> = {}, cleanup: RoutePartName[] = []) {
  const calls: RoutePartName[] = [];
  const applier = (part: RoutePartName) => async (): Promise<PartOutcome> => {
    calls.push(part);
    const o = outcomes[part];
    if (o instanceof Error) throw o;
    return o ?? { ok: true, message: `${part} done` };
  };
  const driver: RouteDriver = {
    derive: async () => ROUTE_PARTS.map((part) => ({ part, kind: kinds[part] ?? "planned", summary: `${part} summary`, reason: kinds[part] === "skip" ? `${part} not configured — add one` : kinds[part] === "blocked" ? `${part} blocked` : null, details: {}, cleanup: cleanup.includes(part) })),
    appliers: { "lan-dns": applier("lan-dns"), proxy: applier("proxy"), tunnel: applier("tunnel"), "public-dns": applier("public-dns") },
  };
  return { driver, calls };
}

let routeId = "";
beforeEach(async () => {
  await t.db.routePart.deleteMany();
  await t.db.route.deleteMany();
  routeId = (await t.db.route.create({ data: { hostname: "app.home.example", upstreamUrl: "http://192.0.2.5:8080", exposure: "both" } })).id;
});

const statusOf = async () => Object.fromEntries((await listRouteParts(t.db, routeId)).map((p) => [p.part, p.status]));

describe("reconcileRoute", () => {
  it("applies the parts in order lan-dns → proxy → tunnel → public-dns and records them ok", async () => {
    const { driver, calls } = fakeDriver({});
    const parts = await reconcileRoute(t.db, routeId, driver, { now: () => T0 });
    expect(calls).toEqual(["lan-dns", "proxy", "tunnel", "public-dns"]);
    expect(parts!.map((p) => `${p.part}:${p.status}`)).toEqual(["lan-dns:ok", "proxy:ok", "tunnel:ok", "public-dns:ok"]);
    expect(parts![0]).toMatchObject({ message: "lan-dns done", attempts: 0, appliedAt: T0.toISOString(), nextAttemptAt: null });
  });

  it("skips parts that are not needed or not configured, with the reason, and never calls them", async () => {
    const { driver, calls } = fakeDriver({ tunnel: "skip", "public-dns": "skip" });
    const parts = await reconcileRoute(t.db, routeId, driver, { now: () => T0 });
    expect(calls).toEqual(["lan-dns", "proxy"]);
    expect(parts!.find((p) => p.part === "public-dns")).toMatchObject({ status: "skipped", message: "public-dns not configured — add one" });
  });

  it("a failed part records its reason and a retry time from the DNS backoff; later independent parts still run", async () => {
    const { driver, calls } = fakeDriver({}, { proxy: { ok: false, message: "Caddy unreachable" } });
    const parts = await reconcileRoute(t.db, routeId, driver, { now: () => T0, random: () => 0.5 });
    expect(calls).toEqual(["lan-dns", "proxy", "tunnel", "public-dns"]);
    const proxy = parts!.find((p) => p.part === "proxy")!;
    expect(proxy).toMatchObject({ status: "failed", message: "Caddy unreachable", attempts: 1, nextAttemptAt: new Date(T0.getTime() + RETRY_BASE_MS).toISOString() });
    // A second failure waits twice as long.
    const again = await reconcileRoute(t.db, routeId, driver, { now: () => T0, random: () => 0.5 });
    expect(again!.find((p) => p.part === "proxy")).toMatchObject({ attempts: 2, nextAttemptAt: new Date(T0.getTime() + 2 * RETRY_BASE_MS).toISOString() });
  });

  it("public DNS waits for a failed tunnel and retries with it", async () => {
    const { driver, calls } = fakeDriver({}, { tunnel: new Error("tunnel API: 503") });
    const parts = await reconcileRoute(t.db, routeId, driver, { now: () => T0, random: () => 0.5 });
    expect(calls).toEqual(["lan-dns", "proxy", "tunnel"]);
    const tunnel = parts!.find((p) => p.part === "tunnel")!;
    const pub = parts!.find((p) => p.part === "public-dns")!;
    expect(tunnel).toMatchObject({ status: "failed", message: "tunnel API: 503" });
    expect(pub.status).toBe("failed");
    expect(pub.message).toMatch(/waiting for the tunnel part, which failed: tunnel API: 503/);
    expect(pub.nextAttemptAt).toBe(tunnel.nextAttemptAt);
  });

  it("a blocked part fails with its reason without calling the applier", async () => {
    const { driver, calls } = fakeDriver({ proxy: "blocked" });
    const parts = await reconcileRoute(t.db, routeId, driver, { now: () => T0 });
    expect(calls).not.toContain("proxy");
    expect(parts!.find((p) => p.part === "proxy")).toMatchObject({ status: "failed", message: "proxy blocked" });
  });

  it("is idempotent: a second run leaves the same statuses", async () => {
    const { driver } = fakeDriver({ tunnel: "skip", "public-dns": "skip" });
    await reconcileRoute(t.db, routeId, driver, { now: () => T0 });
    const first = await statusOf();
    await reconcileRoute(t.db, routeId, driver, { now: () => T0 });
    expect(await statusOf()).toEqual(first);
  });

  it("a part no longer needed (exposure both → LAN only) is converged away once, then stays skipped", async () => {
    await reconcileRoute(t.db, routeId, fakeDriver({}).driver, { now: () => T0 });
    const lanOnly = fakeDriver({ tunnel: "skip", "public-dns": "skip" }, {}, ["tunnel", "public-dns"]);
    const parts = await reconcileRoute(t.db, routeId, lanOnly.driver, { now: () => T0 });
    expect(lanOnly.calls).toEqual(["lan-dns", "proxy", "tunnel", "public-dns"]);
    expect(parts!.map((p) => p.status)).toEqual(["ok", "ok", "skipped", "skipped"]);
    const again = fakeDriver({ tunnel: "skip", "public-dns": "skip" }, {}, ["tunnel", "public-dns"]);
    await reconcileRoute(t.db, routeId, again.driver, { now: () => T0 });
    expect(again.calls).toEqual(["lan-dns", "proxy"]);
  });

  it("a removal that fails is a failed part with the reason, retried later", async () => {
    await reconcileRoute(t.db, routeId, fakeDriver({}).driver, { now: () => T0 });
    const offline = fakeDriver({ tunnel: "skip" }, { tunnel: { ok: false, message: "tunnel API unreachable" } }, ["tunnel"]);
    const parts = await reconcileRoute(t.db, routeId, offline.driver, { now: () => T0 });
    expect(parts!.find((p) => p.part === "tunnel")).toMatchObject({ status: "failed", message: "removing what an earlier apply created: tunnel API unreachable", attempts: 1 });
  });

  it("returns null for a route that no longer exists", async () => {
    const { driver } = fakeDriver({});
    expect(await reconcileRoute(t.db, "cmnotthere000000000000000", driver)).toBeNull();
  });
});

describe("reconcileDueRoutes", () => {
  it("retries a failed part once its time has come, and not before", async () => {
    const failing = fakeDriver({}, { proxy: { ok: false, message: "Caddy unreachable" } });
    await reconcileRoute(t.db, routeId, failing.driver, { now: () => T0, random: () => 0.5 });
    const healed = fakeDriver({});
    expect(await reconcileDueRoutes(t.db, new Date(T0.getTime() + 1_000), healed.driver)).toEqual([]);
    expect(healed.calls).toEqual([]);
    expect(await reconcileDueRoutes(t.db, new Date(T0.getTime() + RETRY_BASE_MS), healed.driver, { now: () => new Date(T0.getTime() + RETRY_BASE_MS) })).toEqual([routeId]);
    expect(await statusOf()).toEqual({ "lan-dns": "ok", proxy: "ok", tunnel: "ok", "public-dns": "ok" });
  });

  it("picks up parts left pending by a crash (kill -9 mid-apply)", async () => {
    // What a killed process leaves: rows marked pending before anything was applied.
    await t.db.routePart.createMany({ data: ROUTE_PARTS.map((part) => ({ routeId, part, status: part === "lan-dns" ? "ok" : "pending" })) });
    const { driver, calls } = fakeDriver({});
    expect(await reconcileDueRoutes(t.db, T0, driver)).toEqual([routeId]);
    expect(calls).toEqual(["lan-dns", "proxy", "tunnel", "public-dns"]);
    expect(Object.values(await statusOf())).toEqual(["ok", "ok", "ok", "ok"]);
  });

  it("leaves routes that were never applied alone (create is inventory only)", async () => {
    const { driver, calls } = fakeDriver({});
    expect(await reconcileDueRoutes(t.db, T0, driver)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("serialises concurrent reconciles of the same route", async () => {
    const order: string[] = [];
    const step = (p: RoutePartName) => async (): Promise<PartOutcome> => {
      order.push(`start ${p}`);
      await new Promise((r) => setTimeout(r, 5));
      order.push(`end ${p}`);
      return { ok: true, message: null };
    };
    const slow: RouteDriver = {
      ...fakeDriver({}).driver,
      appliers: { "lan-dns": step("lan-dns"), proxy: step("proxy"), tunnel: step("tunnel"), "public-dns": step("public-dns") },
    };
    await Promise.all([reconcileRoute(t.db, routeId, slow), reconcileRoute(t.db, routeId, slow)]);
    // Never two parts in flight at once.
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]!.replace("end", "start")).toBe(order[i]);
    expect(order).toHaveLength(16);
  });
});
