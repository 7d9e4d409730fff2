// The overview against a real database: an outage leads the list, a deliberate stop does not count
// as broken, the API answers it, and 5,000 services cost the same number of queries as five.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as overviewGET } from "@/app/api/v1/overview/route";
import { getOverview, OverviewSchema } from "@/lib/overview";
import type { Db } from "@/lib/db";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, setupAdmin } from "../helpers/api";

let t: TestDb;
let session: { cookie: string; csrf: string };
let userId: string;
const ago = (min: number) => new Date(Date.now() - min * 60_000);

async function service(name: string, hostId: string, desiredState = "running") {
  return t.db.service.create({ data: { name, image: "busybox", hostId, desiredState } });
}
async function container(serviceId: string, hostId: string, name: string, state: string, exitCode: number | null = null) {
  return t.db.containerState.create({ data: { hostId, containerId: `${name}-c`, name, image: "busybox", state, status: state, exitCode, managed: true, serviceId } });
}

/** The database client, counting every model call and raw query made through it. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const wrapModel = (model: object) => new Proxy(model, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv) as unknown;
      return typeof v === "function" ? (...args: unknown[]) => { n++; return (v as (...a: unknown[]) => unknown).apply(target, args); } : v;
    },
  });
  const proxy = new Proxy(db, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv) as unknown;
      if (prop === "$queryRaw" || prop === "$queryRawUnsafe") return (...args: unknown[]) => { n++; return (v as (...a: unknown[]) => unknown).apply(target, args); };
      if (typeof prop === "string" && !prop.startsWith("$") && v && typeof v === "object") return wrapModel(v);
      return v;
    },
  });
  return { db: proxy, count: () => n };
}

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
  userId = (await t.db.user.findFirstOrThrow()).id;
  const host = await t.db.host.create({ data: { name: "nas", enrolledAt: ago(60), lastSeenAt: ago(1) } });
  const crashed = await service("jellyfin", host.id);
  await container(crashed.id, host.id, "jellyfin", "exited", 137);
  const stopped = await service("minecraft", host.id, "stopped");
  await container(stopped.id, host.id, "minecraft", "exited", 0);
  const healthy = await service("grafana", host.id);
  await container(healthy.id, host.id, "grafana", "running");
  const failed = await service("immich", host.id);
  await t.db.deployment.create({ data: { serviceId: failed.id, hostId: host.id, status: "succeeded", createdAt: ago(30) } });
  await t.db.deployment.create({ data: { serviceId: failed.id, hostId: host.id, status: "failed", error: "pull access denied", createdAt: ago(5), finishedAt: ago(5) } });
  // A failure since fixed by a later deploy is not broken.
  await t.db.deployment.create({ data: { serviceId: healthy.id, hostId: host.id, status: "failed", createdAt: ago(20) } });
  await t.db.deployment.create({ data: { serviceId: healthy.id, hostId: host.id, status: "succeeded", createdAt: ago(10) } });
  const check = await t.db.check.create({ data: { name: "nas web", type: "http", target: JSON.stringify({ url: "http://127.0.0.1:9/" }), status: "down", statusSince: ago(8) } });
  await t.db.incident.create({ data: { checkId: check.id, kind: "down", startedAt: ago(8), message: "connection refused" } });
});
afterAll(async () => { await t.cleanup(); });

describe("getOverview", () => {
  it("leads with the outage: the incident, the crashed service and the failed deploy, before the 2FA hint", async () => {
    const o = await getOverview(t.db, userId, { isOnline: () => true });
    expect(o.attention.map((a) => a.title)).toEqual([
      "nas web is down",
      "jellyfin is exited (code 137)",
      "Deploy of immich failed",
      "Two-factor sign-in is off for your account",
    ]);
    expect(o.attention[2]!.detail).toBe("pull access denied");
    expect(o.summary.services).toEqual({ total: 4, running: 1, stopped: 1, failed: 2, notPlaced: 0 });
    expect(o.summary.checks).toMatchObject({ down: 1, up: 0 });
  });

  it("lists a disconnected agent and counts hosts online from the hub", async () => {
    const o = await getOverview(t.db, userId, { isOnline: () => false });
    expect(o.attention.some((a) => a.kind === "agent-offline" && a.title === "Host nas is disconnected")).toBe(true);
    expect(o.summary.hosts).toEqual({ total: 1, online: 0 });
  });

  it("marks the checklist's host and service steps done and the rest not", async () => {
    const o = await getOverview(t.db, userId, { isOnline: () => true });
    expect(o.checklist.steps.filter((s) => s.done).map((s) => s.id)).toEqual(["host", "service"]);
    expect(o.checklist).toMatchObject({ done: 2, total: 6, complete: false });
  });

  it("greets a user with one sign-in as new, and as returning after the next", async () => {
    expect((await getOverview(t.db, userId)).returning).toBe(false);
    await t.db.auditEvent.create({ data: { actorType: "user", actorId: userId, actorName: "admin", action: "auth.login" } });
    expect((await getOverview(t.db, userId)).returning).toBe(true);
  });
});

describe("GET /api/v1/overview", () => {
  it("needs a session, then answers the overview", async () => {
    const anon = await call(overviewGET, "/api/v1/overview");
    expect(anon.status).toBe(401);
    errorOf(anon);
    const r = await call(overviewGET, "/api/v1/overview", { auth: session });
    expect(r.status, r.text).toBe(200);
    const o = OverviewSchema.parse(r.body);
    expect(o.attention[0]!.title).toBe("nas web is down");
  });
});

describe("at 5,000 services", () => {
  it("makes the same number of queries as with a handful, and still finds the one crash among them", async () => {
    const small = counting(t.db);
    await getOverview(small.db, userId, { isOnline: () => true });
    const host = await t.db.host.findFirstOrThrow();
    const rows = Array.from({ length: 5000 }, (_, i) => ({ name: `bulk-${i}`, image: "busybox", hostId: host.id }));
    await t.db.service.createMany({ data: rows });
    const ids = (await t.db.service.findMany({ where: { name: { startsWith: "bulk-" } }, select: { id: true, name: true } }));
    await t.db.containerState.createMany({
      data: ids.map((s, i) => ({ hostId: host.id, containerId: `c-${s.name}`, name: s.name, image: "busybox", state: i === 4321 ? "dead" : "running", status: "x", managed: true, serviceId: s.id })),
    });
    const big = counting(t.db);
    const o = await getOverview(big.db, userId, { isOnline: () => true });
    expect(big.count()).toBe(small.count());
    expect(o.summary.services).toMatchObject({ total: 5004, running: 5000, failed: 3 });
    expect(o.attention.filter((a) => a.kind === "service-down").map((a) => a.title)).toEqual(["jellyfin is exited (code 137)", "bulk-4321 is dead"]);
  });
});
