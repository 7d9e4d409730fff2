// Routes end to end against real parts on loopback: BIND9 (RFC 2136) for the LAN zone and a real
// Caddy as the reverse proxy. A route created and applied through the API gets its LAN record and
// its Caddy entry; with Caddy stopped the proxy part fails with the reason and the reconciler's
// retry brings it back; deleting the route removes exactly what Homeport created.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { call, errorOf, setupAdmin } from "@/test/helpers/api";
import { createProvider, createZone } from "@/lib/dns";
import { createCaddyAdmin, getRootCertificate, updateIngressSettings } from "@/lib/ingress";
import { pendingCleanups, reconcileRoutesOnce, type RouteApplyResult, type RoutePlanView, type RouteStatusView, type DrillReport, type RouteChecksRun } from "@/lib/routes";
import { POST as routesPOST } from "@/app/api/v1/routes/route";
import { DELETE as routeDELETE } from "@/app/api/v1/routes/[id]/route";
import { POST as planPOST } from "@/app/api/v1/routes/plan/route";
import { GET as planGET } from "@/app/api/v1/routes/[id]/plan/route";
import { POST as applyPOST } from "@/app/api/v1/routes/[id]/apply/route";
import { GET as statusGET } from "@/app/api/v1/routes/[id]/status/route";
import { POST as checksRunPOST } from "@/app/api/v1/routes/[id]/checks/run/route";
import { POST as drillPOST } from "@/app/api/v1/drill/route";
import { dig, ensureDnsServers, startNamed, type Named } from "@/test/dns/servers";
import { eventually, freePort, getThroughCaddy, startCaddy, startUpstream, type CaddyProcess } from "@/test/ingress/caddy-harness";

const ZONE = "home.test";
const HOST = "app.home.test";
const PROXY_ADDRESS = "192.0.2.10";
const actor = { type: "system" as const, name: "routes-test" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };
const USER_ROUTE = { "@id": "user-own-route", match: [{ host: ["user.home.test"] }], handle: [{ handler: "static_response", body: "user's own site" }], terminal: true };

let t: TestDb;
let named: Named;
let caddy: CaddyProcess;
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let session: { cookie: string; csrf: string };
let routeId = "";

async function startUserCaddy(): Promise<CaddyProcess> {
  const c = await startCaddy(({ http, https }) => ({ apps: { http: { http_port: http, https_port: https, servers: { srv0: { listen: [`127.0.0.1:${https}`], routes: [USER_ROUTE] } } } } }));
  await updateIngressSettings(t.db, { adminUrl: c.adminUrl, serverName: "srv0", httpPort: c.httpPort, httpsPort: c.httpsPort, proxyAddress: "127.0.0.1" }, actor, meta);
  return c;
}

async function caddyRouteIds(c: CaddyProcess): Promise<string[]> {
  const config = (await createCaddyAdmin(c.adminUrl).getConfig()) as { apps: { http: { servers: { srv0: { routes: { "@id"?: string }[] } } } } };
  return config.apps.http.servers.srv0.routes.map((r) => r["@id"] ?? "");
}

const parts = (r: { parts: { part: string; status: string }[] }) => Object.fromEntries(r.parts.map((p) => [p.part, p.status]));

beforeAll(async () => {
  // Probes from the control plane would resolve the test names through the system resolver.
  process.env.HOMEPORT_PROBES = "0";
  await ensureDnsServers();
  named = await startNamed({ zone: ZONE, records: ["foreign IN A 10.9.9.9"] });
  t = await createTestDb();
  session = await setupAdmin(t.db);
  caddy = await startUserCaddy();
  upstream = await startUpstream("service-a");
  const provider = await createProvider(t.db, { name: "bind", kind: "rfc2136", settings: { server: "127.0.0.1", port: named.port, keyName: named.keyName, secret: named.secret } }, actor, meta);
  await createZone(t.db, { name: ZONE, role: "lan", providerId: provider.id, target: [PROXY_ADDRESS], ttl: 300, autoApply: false }, actor, meta);
}, 180_000);

afterAll(async () => {
  delete process.env.HOMEPORT_PROBES;
  await upstream?.close();
  await caddy?.stop();
  await named?.cleanup();
  await t?.cleanup();
});

describe("a LAN route through the API, against BIND and Caddy", () => {
  it("previews the plan of an unsaved route: LAN record in the BIND zone, proxy entry, no tunnel or public record and why", async () => {
    const r = await call(planPOST, "/api/v1/routes/plan", { auth: session, body: { hostname: HOST, upstreamUrl: `http://127.0.0.1:${upstream.port}`, exposure: "lan" } });
    expect(r.status, r.text).toBe(200);
    const plan = r.body as RoutePlanView;
    expect(plan.parts.map((p) => `${p.part}:${p.action}`)).toEqual(["lan-dns:create", "proxy:create", "tunnel:skip", "public-dns:skip"]);
    expect(plan.parts[0]!.summary).toBe(`${HOST} A ${PROXY_ADDRESS} in zone ${ZONE} at bind`);
    expect(plan.parts[1]!.summary).toBe(`${HOST} → http://127.0.0.1:${upstream.port} (TLS: Caddy's internal CA)`);
    expect(plan.parts[3]!.reason).toMatch(/LAN only/);
    expect(plan.checks.map((c) => [c.sourceKey, c.expectation, c.vantages])).toEqual([["route:<new>", "reachable", ["kind:lan"]], ["route:<new>:exposure", "unreachable", ["kind:remote"]]]);
  });

  it("creates (inventory only), then apply converges: the BIND record and the Caddy entry appear, parts ok", async () => {
    const created = await call(routesPOST, "/api/v1/routes", { auth: session, body: { hostname: HOST, upstreamUrl: `http://127.0.0.1:${upstream.port}`, exposure: "lan" } });
    expect(created.status, created.text).toBe(201);
    routeId = (created.body as { id: string }).id;
    // Creating alone changes nothing outside Homeport.
    expect(await dig(named.port, HOST, "A")).toEqual([]);
    const before = await call(planGET, `/api/v1/routes/${routeId}/plan`, { auth: session }, { id: routeId });
    expect((before.body as RoutePlanView).parts.map((p) => p.action)).toEqual(["create", "create", "skip", "skip"]);

    const r = await call(applyPOST, `/api/v1/routes/${routeId}/apply`, { method: "POST", auth: session }, { id: routeId });
    expect(r.status, r.text).toBe(200);
    expect(parts(r.body as RouteApplyResult)).toEqual({ "lan-dns": "ok", proxy: "ok", tunnel: "skipped", "public-dns": "skipped" });
    expect(await dig(named.port, HOST, "A")).toEqual([PROXY_ADDRESS]);
    expect(await caddyRouteIds(caddy)).toContain(`homeport-route-${routeId}`);
    const ca = await eventually(() => getRootCertificate(t.db));
    const res = await eventually(() => getThroughCaddy(caddy.httpsPort, HOST, ca, "/"), (x) => x.status === 200);
    expect(res.body).toContain("service-a");
    expect(res.headers["x-homeport-route"]).toBe(routeId);

    // Idempotent: the plan now says everything is in place, and applying again changes nothing.
    const after = await call(planGET, `/api/v1/routes/${routeId}/plan`, { auth: session }, { id: routeId });
    expect((after.body as RoutePlanView).parts.map((p) => p.action)).toEqual(["unchanged", "unchanged", "skip", "skip"]);
    const again = await call(applyPOST, `/api/v1/routes/${routeId}/apply`, { method: "POST", auth: session }, { id: routeId });
    expect(parts(again.body as RouteApplyResult)).toEqual({ "lan-dns": "ok", proxy: "ok", tunnel: "skipped", "public-dns": "skipped" });
  });

  it("reports the parts and verdicts on the status endpoint", async () => {
    const r = await call(statusGET, `/api/v1/routes/${routeId}/status`, { auth: session }, { id: routeId });
    expect(r.status, r.text).toBe(200);
    const s = r.body as RouteStatusView;
    expect(parts(s)).toEqual({ "lan-dns": "ok", proxy: "ok", tunnel: "skipped", "public-dns": "skipped" });
    expect(s.verdicts.sameUrl.status).toBe("not-applicable");
    // No vantage point has probed it here: the verdicts say what is missing rather than pass.
    expect(s.verdicts.exposureMatchesIntent).toMatchObject({ status: "fail", reason: expect.stringMatching(/no remote vantage point/) });
    expect(s.sides.remote.expectation).toBe("unreachable");
    const run = await call(checksRunPOST, `/api/v1/routes/${routeId}/checks/run`, { method: "POST", auth: session }, { id: routeId });
    expect(run.status, run.text).toBe(200);
    expect((run.body as RouteChecksRun).checks).toBe(2);
  });

  it("the drill says the LAN path survives the internet going down", async () => {
    const r = await call(drillPOST, "/api/v1/drill", { method: "POST", auth: session });
    expect(r.status, r.text).toBe(200);
    const d = r.body as DrillReport;
    expect(d.routes).toEqual([expect.objectContaining({ hostname: HOST, survives: true, issues: [] })]);
    expect(d.dns.lanZones).toEqual([ZONE]);
    expect(d.routes[0]).toMatchObject({ away: "not-exposed" });
    // A service placed on no host runs nowhere: listed, but not at risk.
    const idle = await t.db.service.create({ data: { name: "drill-idle", image: "busybox:1" } });
    const again = (await call(drillPOST, "/api/v1/drill", { method: "POST", auth: session })).body as DrillReport;
    expect(again.services.find((s) => s.id === idle.id)).toMatchObject({ hostName: null, atRisk: false, issues: [expect.objectContaining({ kind: "not-placed" })] });
    expect(again.summary.servicesAtRisk).toBe(again.services.filter((s) => s.atRisk).length);
    await t.db.service.delete({ where: { id: idle.id } });
    expect(await t.db.auditEvent.count({ where: { action: "drill.run" } })).toBe(2);
  });

  it("with Caddy stopped the proxy part fails with the reason and a retry time; the LAN record is still ok; the retry succeeds", async () => {
    await caddy.stop();
    const r = await call(applyPOST, `/api/v1/routes/${routeId}/apply`, { method: "POST", auth: session }, { id: routeId });
    const view = r.body as RouteApplyResult;
    expect(parts(view)).toEqual({ "lan-dns": "ok", proxy: "failed", tunnel: "skipped", "public-dns": "skipped" });
    const proxy = view.parts.find((p) => p.part === "proxy")!;
    expect(proxy.message).toMatch(/Caddy unreachable/);
    expect(proxy.attempts).toBe(1);
    expect(proxy.nextAttemptAt).not.toBeNull();
    // Not due yet: the pass leaves it alone.
    expect((await reconcileRoutesOnce(t.db, new Date(Date.now() - 60_000))).reconciled).toEqual([]);

    caddy = await startUserCaddy();
    const pass = await reconcileRoutesOnce(t.db, new Date(Date.parse(proxy.nextAttemptAt!) + 1));
    expect(pass.reconciled).toEqual([routeId]);
    const s = (await call(statusGET, `/api/v1/routes/${routeId}/status`, { auth: session }, { id: routeId })).body as RouteStatusView;
    expect(parts(s)).toMatchObject({ "lan-dns": "ok", proxy: "ok" });
    expect(await caddyRouteIds(caddy)).toContain(`homeport-route-${routeId}`);
  });

  it("a cleanup that fails (Caddy's admin API unreachable) is kept and retried until the entry is gone", async () => {
    const other = await call(routesPOST, "/api/v1/routes", { auth: session, body: { hostname: `b.${ZONE}`, upstreamUrl: `http://127.0.0.1:${upstream.port}`, exposure: "lan" } });
    const otherId = (other.body as { id: string }).id;
    expect(parts((await call(applyPOST, `/api/v1/routes/${otherId}/apply`, { method: "POST", auth: session }, { id: otherId })).body as RouteApplyResult)).toMatchObject({ "lan-dns": "ok", proxy: "ok" });
    expect(await caddyRouteIds(caddy)).toContain(`homeport-route-${otherId}`);
    // Point Homeport at an admin address nobody answers on, delete, then point it back.
    await updateIngressSettings(t.db, { adminUrl: `http://127.0.0.1:${await freePort()}` }, actor, meta);
    expect((await call(routeDELETE, `/api/v1/routes/${otherId}`, { method: "DELETE", auth: session }, { id: otherId })).status).toBe(204);
    expect(await dig(named.port, `b.${ZONE}`, "A")).toEqual([]);
    const waiting = (await pendingCleanups(t.db)).find((c) => c.routeId === otherId);
    expect(waiting).toMatchObject({ steps: ["proxy"], attempts: 1 });
    expect(waiting!.message).toMatch(/Caddy unreachable/);
    expect(await caddyRouteIds(caddy)).toContain(`homeport-route-${otherId}`);
    await updateIngressSettings(t.db, { adminUrl: caddy.adminUrl }, actor, meta);
    await reconcileRoutesOnce(t.db, new Date(waiting!.nextAttemptAt.getTime() + 1));
    expect((await pendingCleanups(t.db)).find((c) => c.routeId === otherId)).toBeUndefined();
    expect(await caddyRouteIds(caddy)).not.toContain(`homeport-route-${otherId}`);
  });

  it("deleting the route removes its owned record and its Caddy entry; the foreign record and the user's route stay", async () => {
    const r = await call(routeDELETE, `/api/v1/routes/${routeId}`, { method: "DELETE", auth: session }, { id: routeId });
    expect(r.status, r.text).toBe(204);
    expect(await dig(named.port, HOST, "A")).toEqual([]);
    expect(await dig(named.port, `_homeport.${HOST}`, "TXT")).toEqual([]);
    expect(await dig(named.port, `foreign.${ZONE}`, "A")).toEqual(["10.9.9.9"]);
    const ids = await caddyRouteIds(caddy);
    expect(ids).not.toContain(`homeport-route-${routeId}`);
    expect(ids).toContain("user-own-route");
    expect(await t.db.routePart.count({ where: { routeId } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "route.cleanup", targetId: routeId } })).toBe(1);
  });
});

describe("bad input to the new endpoints", () => {
  const UNKNOWN = "cmzzzzzzzzzzzzzzzzzzzzzzz";
  const byId: { name: string; send: (id: string) => ReturnType<typeof call> }[] = [
    { name: "GET /routes/{id}/plan", send: (id) => call(planGET, `/api/v1/routes/${id}/plan`, { auth: session }, { id }) },
    { name: "POST /routes/{id}/apply", send: (id) => call(applyPOST, `/api/v1/routes/${id}/apply`, { method: "POST", auth: session }, { id }) },
    { name: "GET /routes/{id}/status", send: (id) => call(statusGET, `/api/v1/routes/${id}/status`, { auth: session }, { id }) },
    { name: "POST /routes/{id}/checks/run", send: (id) => call(checksRunPOST, `/api/v1/routes/${id}/checks/run`, { method: "POST", auth: session }, { id }) },
  ];
  for (const e of byId) {
    for (const id of [UNKNOWN, "../../etc/passwd"]) {
      it(`${e.name} with id ${JSON.stringify(id)} → 404 with a message`, async () => {
        const r = await e.send(id);
        expect(r.status).toBe(404);
        expect(errorOf(r).message).toMatch(/Route not found/);
      });
    }
  }
  const bodies: { desc: string; body: unknown; field: RegExp }[] = [
    { desc: "no target", body: { hostname: "x.home.test", exposure: "lan" }, field: /service|upstream/i },
    { desc: "an invalid hostname", body: { hostname: "not a host", upstreamUrl: "http://192.0.2.5/", exposure: "lan" }, field: /hostname/ },
    { desc: "an unknown exposure", body: { hostname: "x.home.test", upstreamUrl: "http://192.0.2.5/", exposure: "everywhere" }, field: /exposure/ },
    { desc: "an unknown field", body: { hostname: "x.home.test", upstreamUrl: "http://192.0.2.5/", sneaky: true }, field: /sneaky|unrecognized/i },
  ];
  for (const b of bodies) {
    it(`POST /routes/plan with ${b.desc} → 422 with a message`, async () => {
      const r = await call(planPOST, "/api/v1/routes/plan", { auth: session, body: b.body });
      expect(r.status).toBe(422);
      expect(errorOf(r).message).toMatch(b.field);
    });
  }
  it("POST /drill without credentials → 401", async () => {
    const r = await call(drillPOST, "/api/v1/drill", { method: "POST", auth: null });
    expect(r.status).toBe(401);
    expect(errorOf(r).message.length).toBeGreaterThan(0);
  });
});
