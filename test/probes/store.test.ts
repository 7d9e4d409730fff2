// The control plane's side with a real SQLite database: ingestResults moves cells, marks a check
// "degraded" when LAN passes and remote fails, opens and closes incidents with the vantage points
// that saw them, a webhook on loopback receives the notification, deliveries retry visibly, the
// control plane's own scheduler probes a loopback server, and pruning keeps the database bounded.
// Late results (an agent's offline buffer) are history only; an open incident's kind follows the check.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import {
  createProbeRuntime, ensureControlPlaneVantage, getMatrix, getSeries, getUptime, ingestResults, listIncidents,
  processDeliveries, pruneProbeData, startProbes, syncAutoChecks, upsertVantage, DEFAULT_RETENTION, type VantageResult,
} from "@/lib/probes";
import { startHttpTarget, startWebhookReceiver, type WebhookReceiver } from "./helpers/servers";
import { MAX_DELIVERY_ATTEMPTS } from "@/lib/probes/deliveries";
import { Schedulers } from "@/lib/schedulers";
import { getEventBus, type LiveEvent } from "@/lib/events";

let t: TestDb;
let hook: WebhookReceiver;

beforeAll(async () => {
  hook = await startWebhookReceiver();
});
afterAll(async () => {
  await hook.close();
});
beforeEach(async () => {
  t = await createTestDb();
  await ensureControlPlaneVantage(t.db);
  await upsertVantage(t.db, { id: "lan-agent", name: "NAS agent", kind: "lan" });
  await upsertVantage(t.db, { id: "vps-agent", name: "VPS agent", kind: "remote" });
  hook.received.length = 0;
  hook.failWith = null;
});
afterEach(async () => {
  await t.cleanup();
});

async function makeCheck(opts: { retries?: number; channels?: string[] } = {}) {
  return t.db.check.create({
    data: { name: "app.home.example", type: "http", target: JSON.stringify({ url: "http://192.0.2.10/", method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 }), retries: opts.retries ?? 0, channels: JSON.stringify(opts.channels ?? []) },
  });
}

const result = (checkId: string, at: Date, ok: boolean, errorClass: VantageResult["errorClass"] = null): VantageResult => ({
  checkId, at: at.toISOString(), ok, errorClass: ok ? null : (errorClass ?? "timeout"), message: ok ? null : "no answer", latencyMs: ok ? 12 : null,
  timing: { dnsMs: null, connectMs: ok ? 1 : null, tlsMs: null, firstByteMs: ok ? 5 : null }, statusCode: ok ? 200 : null, tls: null, answers: null, fingerprint: null,
});

describe("ingestResults", () => {
  it("LAN passes and remote fails: degraded, with the remote error class in its cell, and an incident naming the remote vantage", async () => {
    const channel = await t.db.notificationChannel.create({ data: { name: "hook", kind: "webhook", config: JSON.stringify({ url: `${hook.url}/homeport` }) } });
    const c = await makeCheck({ channels: [channel.id] });
    const now = new Date();
    await ingestResults("lan-agent", [result(c.id, now, true)], t.db, now);
    await ingestResults("control-plane", [result(c.id, now, true)], t.db, now);
    const s = await ingestResults("vps-agent", [result(c.id, now, false, "unreachable")], t.db, now);
    expect(s).toMatchObject({ stored: 1, incidentsOpened: 1 });

    const matrix = await getMatrix(t.db, { limit: 50 }, now);
    const row = matrix.rows.find((r) => r.check.id === c.id)!;
    expect(row.status).toBe("degraded");
    const cell = (id: string) => row.cells[matrix.vantages.findIndex((v) => v.id === id)];
    expect(cell("lan-agent")).toMatchObject({ status: "up" });
    expect(cell("vps-agent")).toMatchObject({ status: "down", errorClass: "unreachable" });
    expect((await t.db.check.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("degraded");

    const incidents = await listIncidents(t.db, { limit: 10, checkId: c.id });
    expect(incidents.items).toHaveLength(1);
    expect(incidents.items[0]).toMatchObject({ kind: "degraded", vantages: ["vps-agent"], endedAt: null, errorClass: "unreachable" });

    // The webhook on loopback receives the incident as JSON.
    expect(await processDeliveries(t.db)).toBe(1);
    await hook.waitFor(1);
    expect(hook.received[0]!.body).toMatchObject({ event: "incident.opened", check: { id: c.id, name: "app.home.example" }, incident: { kind: "degraded", vantages: ["vps-agent"] } });
    expect(String((hook.received[0]!.body as { text: string }).text)).toContain("VPS agent");

    // Remote recovers: the incident closes with a duration, and a resolution is delivered.
    const later = new Date(now.getTime() + 90_000);
    await ingestResults("vps-agent", [result(c.id, later, true)], t.db, later);
    const closed = (await listIncidents(t.db, { limit: 10, checkId: c.id })).items[0]!;
    expect(closed.endedAt).not.toBeNull();
    expect(closed.durationMs).toBe(90_000);
    await processDeliveries(t.db);
    await hook.waitFor(2);
    expect(hook.received[1]!.body).toMatchObject({ event: "incident.resolved" });
    const deliveries = await t.db.delivery.findMany();
    expect(deliveries.every((d) => d.status === "sent")).toBe(true);
  });

  it("all vantage points failing is down; retries delay the verdict", async () => {
    const c = await makeCheck({ retries: 1 });
    const now = new Date();
    await ingestResults("control-plane", [result(c.id, now, true)], t.db, now);
    await ingestResults("control-plane", [result(c.id, new Date(now.getTime() + 1000), false, "refused")], t.db, now);
    expect((await t.db.check.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("up");
    await ingestResults("control-plane", [result(c.id, new Date(now.getTime() + 2000), false, "refused")], t.db, now);
    expect((await t.db.check.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("down");
    expect((await listIncidents(t.db, { limit: 5 })).items[0]).toMatchObject({ kind: "down", vantages: ["control-plane"] });
  });

  it("a vantage point that went silent is unknown, never down", async () => {
    const c = await makeCheck();
    const old = new Date(Date.now() - 3600_000);
    await ingestResults("vps-agent", [result(c.id, old, true)], t.db, old);
    const matrix = await getMatrix(t.db, { limit: 50 });
    const row = matrix.rows.find((r) => r.check.id === c.id)!;
    expect(row.cells[matrix.vantages.findIndex((v) => v.id === "vps-agent")]).toMatchObject({ status: "unknown" });
    expect(row.status).toBe("unknown");
  });

  it("late results are stored with their own times but do not move the cell, the status or incidents back in time", async () => {
    const c = await makeCheck();
    const now = new Date();
    const sec = (s: number) => new Date(now.getTime() + s * 1000);
    await ingestResults("lan-agent", [result(c.id, now, true)], t.db, now);

    // An agent's offline buffer arriving after a newer verdict: all failures, all older.
    const late = await ingestResults("lan-agent", [-50, -40, -30, -20].map((s) => result(c.id, sec(s), false, "refused")), t.db, sec(1));
    expect(late).toMatchObject({ stored: 4, late: 4, statusChanges: 0, incidentsOpened: 0 });
    const rows = await t.db.probeResult.findMany({ where: { checkId: c.id, vantageId: "lan-agent" }, orderBy: { at: "asc" } });
    expect(rows.map((r) => r.at.getTime())).toEqual([-50, -40, -30, -20, 0].map((s) => sec(s).getTime()));
    expect(rows.slice(0, 4).every((r) => !r.ok && r.errorClass === "refused")).toBe(true);
    const cell = await t.db.checkState.findUniqueOrThrow({ where: { checkId_vantageId: { checkId: c.id, vantageId: "lan-agent" } } });
    expect(cell).toMatchObject({ status: "up", consecutiveFailures: 0, errorClass: null });
    expect(cell.lastAt?.getTime()).toBe(now.getTime());
    expect((await t.db.check.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("up");
    expect(await t.db.incident.count({ where: { checkId: c.id } })).toBe(0);

    // A batch with late and newer results: only the newer ones move the cell.
    const mixed = await ingestResults("lan-agent", [result(c.id, sec(-5), true), result(c.id, sec(2), false, "timeout")], t.db, sec(3));
    expect(mixed).toMatchObject({ stored: 2, late: 1, incidentsOpened: 1 });
    expect(await t.db.checkState.findUniqueOrThrow({ where: { checkId_vantageId: { checkId: c.id, vantageId: "lan-agent" } } })).toMatchObject({ status: "down", consecutiveFailures: 1, errorClass: "timeout" });
    expect((await listIncidents(t.db, { limit: 5, checkId: c.id })).items[0]).toMatchObject({ kind: "down", startedAt: sec(2).toISOString() });
  });

  it("a replayed offline period older than the staleness window is stored and moves the cell, but opens no incident", async () => {
    const c = await makeCheck();
    const now = new Date();
    const old = (min: number) => new Date(now.getTime() - min * 60_000);
    const s = await ingestResults("vps-agent", [result(c.id, old(40), false, "timeout"), result(c.id, old(39), false, "timeout")], t.db, now);
    expect(s).toMatchObject({ stored: 2, late: 0, incidentsOpened: 0, statusChanges: 0 });
    expect(await t.db.checkState.findUniqueOrThrow({ where: { checkId_vantageId: { checkId: c.id, vantageId: "vps-agent" } } })).toMatchObject({ status: "down", lastAt: old(39) });
    expect((await t.db.check.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("unknown");
    expect(await t.db.incident.count({ where: { checkId: c.id } })).toBe(0);
  });

  it("an open incident's kind follows the check (down ↔ degraded), keeps every vantage that saw it, and says so live", async () => {
    const events: LiveEvent[] = [];
    const off = getEventBus().subscribe((e) => events.push(e));
    try {
      const c = await makeCheck();
      const now = new Date();
      const sec = (s: number) => new Date(now.getTime() + s * 1000);
      await ingestResults("lan-agent", [result(c.id, sec(0), false, "refused")], t.db, sec(0));
      await ingestResults("vps-agent", [result(c.id, sec(0), false, "timeout")], t.db, sec(0));
      const incident = async () => (await listIncidents(t.db, { limit: 5, checkId: c.id })).items;
      expect(await incident()).toMatchObject([{ kind: "down", vantages: ["lan-agent", "vps-agent"], endedAt: null }]);
      const opened = events.find((e) => e.type === "incident/opened");
      expect(opened).toMatchObject({ checkId: c.id, kind: "down" });
      const id = (await incident())[0]!.id;
      const seen = events.length;
      const updates = () => events.slice(seen).filter((e) => e.type === "incident/updated");

      // The LAN recovers: the check is degraded, and so is its incident (the LAN still saw it).
      await ingestResults("lan-agent", [result(c.id, sec(10), true)], t.db, sec(10));
      expect((await t.db.check.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("degraded");
      expect(await incident()).toMatchObject([{ id, kind: "degraded", vantages: ["lan-agent", "vps-agent"], endedAt: null }]);
      expect(updates()).toEqual([{ type: "incident/updated", incidentId: id, checkId: c.id, kind: "degraded" }]);

      // The LAN fails again: down again, still the same incident.
      await ingestResults("lan-agent", [result(c.id, sec(20), false, "refused")], t.db, sec(20));
      expect(await incident()).toMatchObject([{ id, kind: "down", endedAt: null }]);
      expect(updates().map((e) => (e as { kind: string }).kind)).toEqual(["degraded", "down"]);

      // Both recover: closed, one incident in all.
      await ingestResults("lan-agent", [result(c.id, sec(30), true)], t.db, sec(30));
      await ingestResults("vps-agent", [result(c.id, sec(30), true)], t.db, sec(30));
      expect(await incident()).toHaveLength(1);
      expect((await incident())[0]!.endedAt).not.toBeNull();
    } finally {
      off();
    }
  });

  it("ignores results for deleted checks and refuses unknown vantage points", async () => {
    const s = await ingestResults("control-plane", [result("does-not-exist", new Date(), true)], t.db);
    expect(s).toMatchObject({ stored: 0, ignored: 1 });
    await expect(ingestResults("nobody", [result("x", new Date(), true)], t.db)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("deliveries", () => {
  it("a failing receiver is retried with backoff, and the error is visible; then it succeeds", async () => {
    const channel = await t.db.notificationChannel.create({ data: { name: "hook", kind: "webhook", config: JSON.stringify({ url: hook.url }) } });
    const c = await makeCheck({ channels: [channel.id] });
    await ingestResults("control-plane", [result(c.id, new Date(), false, "refused")], t.db);
    hook.failWith = 500;
    await processDeliveries(t.db);
    let d = await t.db.delivery.findFirstOrThrow();
    expect(d).toMatchObject({ status: "pending", attempts: 1 });
    expect(d.lastError).toContain("HTTP 500");
    expect(d.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await processDeliveries(t.db)).toBe(0); // not due yet
    hook.failWith = null;
    await processDeliveries(t.db, () => new Date(Date.now() + 3600_000));
    d = await t.db.delivery.findFirstOrThrow();
    expect(d).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("gives up after the last attempt and says so", async () => {
    const channel = await t.db.notificationChannel.create({ data: { name: "dead", kind: "webhook", config: JSON.stringify({ url: "http://127.0.0.1:9/" }) } });
    const c = await makeCheck({ channels: [channel.id] });
    await ingestResults("control-plane", [result(c.id, new Date(), false)], t.db);
    let clock = Date.now();
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      clock += 3 * 3600_000;
      await processDeliveries(t.db, () => new Date(clock));
    }
    const d = await t.db.delivery.findFirstOrThrow();
    expect(d).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(d.lastError).toMatch(/ECONNREFUSED|refused/);
  });
});

describe("the control plane as a vantage point", () => {
  it("probes a loopback server on its own schedule and stores the results in batches", async () => {
    const web = await startHttpTarget();
    try {
      const up = await t.db.check.create({ data: { name: "web", type: "http", target: JSON.stringify({ url: `${web.url}/ok`, method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0, keyword: "Homeport" }), intervalSec: 10, timeoutMs: 2000, retries: 0 } });
      const down = await t.db.check.create({ data: { name: "broken", type: "http", target: JSON.stringify({ url: `${web.url}/status/500`, method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 }), intervalSec: 10, timeoutMs: 2000, retries: 0 } });
      const remoteOnly = await t.db.check.create({ data: { name: "remote only", type: "tcp", target: JSON.stringify({ host: "127.0.0.1", port: web.port }), vantages: JSON.stringify(["kind:remote"]) } });
      const runtime = await createProbeRuntime(t.db, { enabled: true, concurrency: 4, retention: DEFAULT_RETENTION, maxInitialDelayMs: 100 });
      try {
        expect(runtime.scheduler.has(up.id)).toBe(true);
        expect(runtime.scheduler.has(remoteOnly.id)).toBe(false);
        const deadline = Date.now() + 15_000;
        while ((await t.db.probeResult.count()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      } finally {
        await runtime.stop();
      }
      const states = await t.db.checkState.findMany({ where: { vantageId: "control-plane" } });
      expect(states.find((s) => s.checkId === up.id)).toMatchObject({ status: "up" });
      expect(states.find((s) => s.checkId === down.id)).toMatchObject({ status: "down", errorClass: "http_status" });
      expect((await t.db.check.findUniqueOrThrow({ where: { id: down.id } })).status).toBe("down");
    } finally {
      await web.close();
    }
  });
});

describe("automatic checks", () => {
  it("routes get an HTTPS check from the vantage points their exposure implies; published service ports get a TCP check", async () => {
    const host = await t.db.host.create({ data: { name: "nas", addresses: JSON.stringify(["192.0.2.10"]) } });
    const svc = await t.db.service.create({ data: { name: "web", image: "nginx:1.27", hostId: host.id, ports: JSON.stringify([{ container: 80, host: 8080, protocol: "tcp", hostIp: "0.0.0.0" }, { container: 9000, host: 9000, protocol: "tcp", hostIp: "127.0.0.1" }]) } });
    const both = await t.db.route.create({ data: { hostname: "app.home.example", serviceId: svc.id, servicePort: 80, exposure: "both" } });
    const lanOnly = await t.db.route.create({ data: { hostname: "nas.home.example", upstreamUrl: "http://192.0.2.10:5000", exposure: "lan" } });

    const plan = await syncAutoChecks(t.db);
    expect(plan.create).toHaveLength(4);
    const checks = await t.db.check.findMany({ orderBy: { name: "asc" } });
    // A LAN-only route also gets an exposure check from remote vantages that expects no answer.
    expect(checks.map((c) => [c.name, c.type, c.source, JSON.parse(c.vantages), c.expectation])).toEqual([
      ["app.home.example", "https", "route", [], "reachable"],
      ["nas.home.example", "https", "route", ["kind:lan"], "reachable"],
      ["nas.home.example (not reachable from away)", "https", "route", ["kind:remote"], "unreachable"],
      ["web :8080", "tcp", "service", ["kind:lan"], "reachable"],
    ]);
    expect(JSON.parse(checks[3]!.target)).toEqual({ host: "192.0.2.10", port: 8080 });

    // Idempotent; follows renames and deletions.
    expect((await syncAutoChecks(t.db)).create).toHaveLength(0);
    await t.db.route.update({ where: { id: both.id }, data: { hostname: "www.home.example" } });
    await t.db.route.delete({ where: { id: lanOnly.id } });
    const next = await syncAutoChecks(t.db);
    expect(next.update).toHaveLength(1);
    expect(next.remove).toHaveLength(2);
    expect((await t.db.check.findMany()).map((c) => c.name).sort()).toEqual(["web :8080", "www.home.example"]);
  });
});

describe("startProbes (the one line in server.ts)", () => {
  it("starts the control plane's probing and its jobs, and is off with HOMEPORT_PROBES=0", async () => {
    const schedulers = new Schedulers();
    const runtime = await startProbes(schedulers, t.db);
    try {
      expect(runtime).not.toBeNull();
      expect(await t.db.vantagePoint.findUnique({ where: { id: "control-plane" } })).toMatchObject({ kind: "lan" });
    } finally {
      await runtime?.stop();
      await schedulers.stop();
    }
    process.env.HOMEPORT_PROBES = "0";
    try {
      expect(await startProbes(new Schedulers(), t.db)).toBeNull();
    } finally {
      delete process.env.HOMEPORT_PROBES;
    }
  });
});

describe("retention", () => {
  it("downsamples old results into hourly and daily aggregates and keeps the database bounded", async () => {
    const c = await makeCheck();
    const now = new Date("2026-06-30T12:00:00Z");
    const rows = [];
    // 20 days of one result every 10 minutes from two vantage points: 5,760 rows.
    for (let m = 0; m < 20 * 24 * 60; m += 10) {
      const at = new Date(now.getTime() - m * 60_000);
      rows.push({ checkId: c.id, vantageId: "control-plane", at, ok: m % 100 !== 0, latencyMs: 10, errorClass: m % 100 === 0 ? "timeout" : null });
      rows.push({ checkId: c.id, vantageId: "vps-agent", at, ok: true, latencyMs: 40 });
    }
    await t.db.probeResult.createMany({ data: rows });
    const uptimeBefore = await getUptime(t.db, c.id, now);

    const s = await pruneProbeData(t.db, now);
    const raw = await t.db.probeResult.count();
    const hourly = await t.db.probeAggregate.count({ where: { bucket: "hour" } });
    const daily = await t.db.probeAggregate.count({ where: { bucket: "day" } });
    expect(s.rawFolded).toBeGreaterThan(5000);
    expect(raw).toBeLessThanOrEqual(2 * 48 * 6 + 2); // only the raw window remains
    expect(hourly).toBeLessThanOrEqual(2 * 14 * 24 + 2);
    expect(daily).toBeGreaterThan(0);
    expect(raw + hourly + daily).toBeLessThan(rows.length / 3);

    // Counts survive downsampling: uptime over 30 days is unchanged.
    const uptimeAfter = await getUptime(t.db, c.id, now);
    expect(uptimeAfter["control-plane"]!["30d"]).toBeCloseTo(uptimeBefore["control-plane"]!["30d"]!, 1);
    expect(uptimeAfter["vps-agent"]!["30d"]).toBe(100);
    const series = await getSeries(t.db, c.id, "7d", now);
    expect(series.length).toBeGreaterThan(100);
    expect(series.at(-1)!.values["vps-agent"]!.latencyMs).toBe(40);

    // A second pass changes nothing; far in the future everything has expired.
    expect((await pruneProbeData(t.db, now)).rawFolded).toBe(0);
    await pruneProbeData(t.db, new Date(now.getTime() + 500 * 86_400_000));
    expect(await t.db.probeResult.count()).toBe(0);
    expect(await t.db.probeAggregate.count()).toBe(0);
  });
});
