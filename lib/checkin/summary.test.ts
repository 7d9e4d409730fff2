import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDbWithUser, type TestDbWithUser } from "@/test/helpers/test-db";
import { getEventBus, type LiveEvent } from "@/lib/events";
import { checkInSummary, SINCE_LIST_LIMIT } from "./summary";
import { markCheckedIn } from "./seen";
import { acknowledgeIncident } from "./acknowledge";

const t0 = new Date("2026-05-01T12:00:00Z");
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const actor = { type: "user" as const, id: "u1", name: "alice" };

let t: TestDbWithUser;
const ids: Record<string, string> = {};

async function check(name: string, sourceKey: string | null = null) {
  const c = await t.db.check.create({ data: { name, type: "http", target: JSON.stringify({ url: "http://127.0.0.1:9/" }), source: sourceKey ? "route" : "manual", sourceKey, status: "down", statusSince: at(-30) } });
  return c.id;
}

beforeAll(async () => {
  t = await createTestDbWithUser();
  const db = t.db;
  await db.vantagePoint.createMany({ data: [{ id: "control-plane", name: "Control plane", kind: "lan" }, { id: "vps", name: "VPS", kind: "remote" }] });
  // Incidents: an old down, a newer down, a degraded one, an acknowledged one and an ended one.
  const cOld = await check("old-down"), cNew = await check("new-down"), cDeg = await check("degraded"), cAck = await check("acked"), cEnded = await check("ended");
  ids.old = (await db.incident.create({ data: { checkId: cOld, kind: "down", startedAt: at(-60), vantages: '["control-plane"]' } })).id;
  ids.new = (await db.incident.create({ data: { checkId: cNew, kind: "down", startedAt: at(-5), vantages: '["control-plane","vps"]', errorClass: "refused" } })).id;
  ids.deg = (await db.incident.create({ data: { checkId: cDeg, kind: "degraded", startedAt: at(-1), vantages: '["vps"]' } })).id;
  ids.acked = (await db.incident.create({ data: { checkId: cAck, kind: "down", startedAt: at(-2), acknowledgedAt: at(-1), acknowledgedBy: "bob" } })).id;
  ids.ended = (await db.incident.create({ data: { checkId: cEnded, kind: "down", startedAt: at(-90), endedAt: at(-80), durationMs: 600_000 } })).id;

  // Routes: one failing from away only (with no incident), one fine.
  const rRemote = await db.route.create({ data: { hostname: "away.home.example", upstreamUrl: "http://192.0.2.1/", exposure: "both" } });
  const rFine = await db.route.create({ data: { hostname: "fine.home.example", upstreamUrl: "http://192.0.2.2/", exposure: "both" } });
  ids.routeRemote = rRemote.id;
  for (const [r, remote] of [[rRemote, "down"], [rFine, "up"]] as const) {
    const c = await check(r.hostname, `route:${r.id}`);
    await db.checkState.createMany({ data: [
      { checkId: c, vantageId: "control-plane", status: "up", lastAt: at(-1) },
      { checkId: c, vantageId: "vps", status: remote, lastAt: at(-1), message: remote === "down" ? "connection refused" : null },
    ] });
  }

  // Hosts: one online, one gone, one never enrolled (inventory only), one revoked.
  const online = await db.host.create({ data: { name: "online", enrolledAt: at(-100), lastSeenAt: at(0) } });
  const gone = await db.host.create({ data: { name: "gone", enrolledAt: at(-100), lastSeenAt: at(-20) } });
  await db.host.create({ data: { name: "inventory-only" } });
  await db.host.create({ data: { name: "revoked", enrolledAt: at(-100), revokedAt: at(-50) } });
  ids.online = online.id;
  ids.gone = gone.id;

  // Services on the online host: running, exited, unhealthy, deployed-but-gone, never deployed.
  const svc = async (name: string) => (await db.service.create({ data: { name, image: "busybox", hostId: online.id } })).id;
  const running = await svc("running"), exited = await svc("exited"), unhealthy = await svc("unhealthy"), missing = await svc("missing");
  await svc("never-deployed");
  const container = (serviceId: string, name: string, state: string, health: string | null = null) =>
    db.containerState.create({ data: { hostId: online.id, containerId: `${name}-id`, name, image: "busybox", state, status: state, health, managed: true, serviceId } });
  await container(running, "running", "running");
  await container(exited, "exited", "exited");
  await container(unhealthy, "unhealthy", "running", "unhealthy");
  await db.deployment.create({ data: { serviceId: missing, status: "succeeded", createdAt: at(-200) } });

  // Changes: before and after the last check-in.
  await db.user.update({ where: { id: t.userId }, data: { lastCheckInAt: at(-10) } });
  await db.deployment.create({ data: { serviceId: running, status: "succeeded", createdAt: at(-15), actorName: "alice" } });
  await db.deployment.create({ data: { serviceId: exited, status: "failed", createdAt: at(-3), actorName: "alice" } });
  await db.auditEvent.create({ data: { action: "route.create", actorType: "user", actorName: "alice", at: at(-30) } });
  await db.auditEvent.create({ data: { action: "service.update", actorType: "user", actorName: "alice", at: at(-4) } });
  await db.auditEvent.create({ data: { action: "auth.login", actorType: "user", actorName: "alice", at: at(-3) } });
  await db.auditEvent.create({ data: { action: "auth.login.failed", actorType: "anonymous", at: at(-2) } });
});
afterAll(async () => { await t.cleanup(); });

const isOnline = (hostId: string) => hostId === ids.online;

describe("checkInSummary", () => {
  it("lists open incidents in order of urgency with their vantage points", async () => {
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    expect(s.incidents.map((i) => i.checkName)).toEqual(["new-down", "old-down", "degraded", "acked"]);
    expect(s.incidents[0]).toMatchObject({ kind: "down", errorClass: "refused", acknowledgedAt: null, vantages: [{ id: "control-plane", name: "Control plane", kind: "lan" }, { id: "vps", name: "VPS", kind: "remote" }] });
    expect(s.incidents[3]).toMatchObject({ acknowledgedBy: "bob" });
  });

  it("names the failing side of a route, and only failing routes", async () => {
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    expect(s.routes).toEqual([expect.objectContaining({ routeId: ids.routeRemote, hostname: "away.home.example", lan: "ok", remote: "fails", message: "connection refused", incidentId: null })]);
  });

  it("counts a LAN-only route's exposure check (answering from away) as its remote side failing", async () => {
    const r = await t.db.route.create({ data: { hostname: "lan-only.home.example", upstreamUrl: "http://192.0.2.3/", exposure: "lan" } });
    const main = await check(r.hostname, `route:${r.id}`);
    const exposure = await check(`${r.hostname} (exposure)`, `route:${r.id}:exposure`);
    await t.db.checkState.create({ data: { checkId: main, vantageId: "control-plane", status: "up", lastAt: at(-1) } });
    await t.db.checkState.create({ data: { checkId: exposure, vantageId: "vps", status: "down", lastAt: at(-1), message: "answered from away" } });
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    expect(s.routes.find((x) => x.routeId === r.id)).toMatchObject({ hostname: "lan-only.home.example", checkId: main, lan: "ok", remote: "fails", message: "answered from away" });
    await t.db.route.delete({ where: { id: r.id } });
    await t.db.check.deleteMany({ where: { id: { in: [main, exposure] } } });
  });

  it("a route probe result that went stale no longer counts as failing", async () => {
    const s = await checkInSummary(t.db, { id: t.userId }, at(24 * 60), { isOnline, since: at(0) });
    expect(s.routes).toEqual([]);
  });

  it("lists enrolled hosts whose agent is not connected, with last seen", async () => {
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    expect(s.hosts).toEqual([{ hostId: ids.gone, name: "gone", lastSeenAt: at(-20).toISOString() }]);
  });

  it("lists services not running: stopped first, then gone, then unhealthy; never-deployed ones are not listed", async () => {
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    expect(s.services.map((x) => [x.name, x.state])).toEqual([["exited", "exited"], ["missing", "missing"], ["unhealthy", "running"]]);
    expect(s.services[0]).toMatchObject({ hostName: "online", hostOnline: true });
  });

  it("gives a verdict and headline counting what still needs someone", async () => {
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    // 3 unacknowledged incidents + 1 route without incident + 1 host + 3 services.
    expect(s).toMatchObject({ verdict: "trouble", needsAttention: 8, headline: "8 things need attention" });
  });

  it("lists deploys and changes since the last check-in, without routine sign-ins", async () => {
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    expect(s.since.from).toBe(at(-10).toISOString());
    expect(s.since.deploys.map((d) => [d.serviceName, d.status])).toEqual([["exited", "failed"]]);
    expect(s.since.deployCount).toBe(1);
    expect(s.since.changes.map((c) => c.action)).toEqual(["auth.login.failed", "service.update"]);
    expect(s.since.changeCount).toBe(2);
  });

  it("caps the lists but counts everything", async () => {
    const svc = await t.db.service.findFirstOrThrow({ where: { name: "running" } });
    await t.db.deployment.createMany({ data: Array.from({ length: SINCE_LIST_LIMIT + 5 }, (_, i) => ({ serviceId: svc.id, status: "succeeded", createdAt: at(-9 + i / 100) })) });
    const s = await checkInSummary(t.db, { id: t.userId }, t0, { isOnline });
    expect(s.since.deploys).toHaveLength(SINCE_LIST_LIMIT);
    expect(s.since.deployCount).toBe(SINCE_LIST_LIMIT + 6);
    await t.db.deployment.deleteMany({ where: { serviceId: svc.id, createdAt: { gt: at(-10) } } });
  });

  it("on a first check-in covers the last 24 hours", async () => {
    const other = await t.db.user.create({ data: { username: "newcomer", passwordHash: "x" } });
    const s = await checkInSummary(t.db, { id: other.id }, t0, { isOnline });
    expect(s.since.from).toBeNull();
    expect(s.since.windowStart).toBe(at(-24 * 60).toISOString());
    expect(s.since.changes.map((c) => c.action)).toContain("route.create");
  });
});

describe("markCheckedIn", () => {
  it("stores the new time, answers the previous one, and never moves backwards or past now", async () => {
    const u = await t.db.user.create({ data: { username: "mover", passwordHash: "x", lastCheckInAt: at(-10) } });
    expect(await markCheckedIn(t.db, u.id, at(0), at(0))).toEqual({ lastCheckInAt: at(0).toISOString(), previous: at(-10).toISOString() });
    expect(await markCheckedIn(t.db, u.id, at(-5), at(1))).toEqual({ lastCheckInAt: at(0).toISOString(), previous: at(0).toISOString() });
    expect((await markCheckedIn(t.db, u.id, at(60), at(2))).lastCheckInAt).toBe(at(2).toISOString());
    // What the next summary counts from is the stored value; the page passes its own `since`.
    const s = await checkInSummary(t.db, { id: u.id }, at(3), { isOnline });
    expect(s.since.from).toBe(at(2).toISOString());
  });
});

describe("acknowledgeIncident", () => {
  it("records who and when, audits once, publishes, and is idempotent", async () => {
    const events: LiveEvent[] = [];
    const off = getEventBus().subscribe((e) => events.push(e));
    try {
      const first = await acknowledgeIncident(t.db, ids.new!, actor, { note: "on it", now: at(1) });
      expect(first).toEqual({ id: ids.new, acknowledgedAt: at(1).toISOString(), acknowledgedBy: "alice", already: false });
      const again = await acknowledgeIncident(t.db, ids.new!, { ...actor, name: "bob" }, { now: at(2) });
      expect(again).toEqual({ ...first, already: true });
      expect(await t.db.auditEvent.count({ where: { action: "incident.acknowledge", targetId: ids.new } })).toBe(1);
      expect(events.filter((e) => e.type === "incident/acknowledged")).toHaveLength(1);
    } finally {
      off();
    }
    const s = await checkInSummary(t.db, { id: t.userId }, at(3), { isOnline });
    // The acknowledged incident moves below the unacknowledged ones and stops being counted.
    expect(s.incidents.map((i) => i.checkName)).toEqual(["old-down", "degraded", "acked", "new-down"]);
    expect(s.needsAttention).toBe(7);
  });

  it("refuses an unknown incident (404) and an ended one (409)", async () => {
    await expect(acknowledgeIncident(t.db, "cmunknownunknownunknown", actor)).rejects.toMatchObject({ code: "not_found" });
    await expect(acknowledgeIncident(t.db, ids.ended!, actor)).rejects.toMatchObject({ code: "conflict" });
    expect((await t.db.incident.findUniqueOrThrow({ where: { id: ids.ended! } })).acknowledgedAt).toBeNull();
  });
});
