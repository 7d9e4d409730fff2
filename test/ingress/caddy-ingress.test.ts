// Homeport's ingress against a real Caddy from Debian: routes created through the admin API
// answer with the service's response over HTTPS from Caddy's internal CA, change, disappear,
// and the user's own route and TLS policy in the same Caddy are never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import {
  applyIngress,
  createCaddyAdmin,
  getIngressOverview,
  getRootCertificate,
  planIngress,
  setProxyEntryTls,
  updateIngressSettings,
} from "@/lib/ingress";
import { eventually, freePort, getPlainHttp, getThroughCaddy, startCaddy, startUpstream, type CaddyProcess } from "./caddy-harness";

const actor = { type: "system" as const, name: "ingress-test" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };
const USER_HOST = "user.home.arpa";
const USER_ROUTE = { "@id": "user-own-route", match: [{ host: [USER_HOST] }], handle: [{ handler: "static_response", body: "user's own site" }], terminal: true };
const USER_POLICY = { subjects: [USER_HOST], issuers: [{ module: "internal" }] };

let t: TestDb;
let caddy: CaddyProcess;
let upA: Awaited<ReturnType<typeof startUpstream>>;
let upB: Awaited<ReturnType<typeof startUpstream>>;
let ca: string;

async function userObjects() {
  const admin = createCaddyAdmin(caddy.adminUrl);
  const config = (await admin.getConfig()) as { apps: { http: { servers: { srv0: { routes: { "@id"?: string }[] } } }; tls: { automation: { policies: unknown[] } } } };
  return {
    route: config.apps.http.servers.srv0.routes.find((r) => r["@id"] === USER_ROUTE["@id"]),
    policies: config.apps.tls.automation.policies,
  };
}

beforeAll(async () => {
  t = await createTestDb();
  caddy = await startCaddy(({ http, https }) => ({
    apps: {
      http: { http_port: http, https_port: https, servers: { srv0: { listen: [`127.0.0.1:${https}`], routes: [USER_ROUTE] } } },
      tls: { automation: { policies: [USER_POLICY] } },
    },
  }));
  [upA, upB] = [await startUpstream("service-a"), await startUpstream("service-b")];
  await updateIngressSettings(t.db, { adminUrl: caddy.adminUrl, serverName: "srv0", httpPort: caddy.httpPort, httpsPort: caddy.httpsPort, proxyAddress: "127.0.0.1" }, actor, meta);
}, 60_000);

afterAll(async () => {
  await upA?.close();
  await upB?.close();
  await caddy?.stop();
  await t?.cleanup();
});

describe("ingress through a real Caddy", () => {
  let routeId = "";

  it("plans a new route before applying and changes nothing in Caddy", async () => {
    const svc = await t.db.service.create({ data: { name: "svc-a", image: "busybox", ports: JSON.stringify([{ container: 80, host: upA.port, hostIp: "127.0.0.1", protocol: "tcp" }]) } });
    const route = await t.db.route.create({ data: { hostname: "app.home.arpa", serviceId: svc.id, servicePort: 80, exposure: "both" } });
    routeId = route.id;
    const plan = await planIngress(t.db);
    expect(plan.caddy.status).toBe("ok");
    expect(plan.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(["create tls-policy", "create route"]);
    expect(plan.changes[1]?.summary).toBe(`route app.home.arpa → 127.0.0.1:${upA.port}`);
    expect((await userObjects()).policies).toEqual([USER_POLICY]);
  });

  it("creates the route: a request with the hostname gets the service's response over HTTPS", async () => {
    const result = await applyIngress(t.db, actor, meta);
    expect(result.failed).toBeNull();
    expect(result.caddy.status).toBe("ok");
    ca = await eventually(() => getRootCertificate(t.db));
    expect(ca).toContain("BEGIN CERTIFICATE");
    const res = await eventually(() => getThroughCaddy(caddy.httpsPort, "app.home.arpa", ca, "/hello"), (r) => r.status === 200);
    expect(res.body).toBe(`service-a app.home.arpa:${caddy.httpsPort} /hello`);
    expect(res.headers["x-homeport-route"]).toBe(routeId);
    // The user's route still answers, and their policy is still there, behind Homeport's.
    const user = await eventually(() => getThroughCaddy(caddy.httpsPort, USER_HOST, ca), (r) => r.status === 200);
    expect(user.body).toBe("user's own site");
    const objs = await userObjects();
    expect(objs.route).toEqual(USER_ROUTE);
    expect(objs.policies).toContainEqual(USER_POLICY);
    // A second plan finds nothing to do.
    expect((await planIngress(t.db)).changes).toEqual([]);
  }, 60_000);

  it("redirects plain HTTP to HTTPS", async () => {
    const res = await getPlainHttp(caddy.httpPort, "app.home.arpa", "/x");
    expect(res.status).toBe(308);
    expect(res.location).toMatch(/^https:\/\/app\.home\.arpa(:\d+)?\/x$/);
  });

  it("reports the entry as ok, with its fingerprint seen through Caddy", async () => {
    const overview = await getIngressOverview(t.db);
    expect(overview.caddy.status).toBe("ok");
    expect(overview.entries).toEqual([expect.objectContaining({ routeId, hostname: "app.home.arpa", status: "ok", upstream: `http://127.0.0.1:${upA.port}` })]);
  });

  it("changes the route: the next request reaches the other service", async () => {
    await t.db.route.update({ where: { id: routeId }, data: { serviceId: null, servicePort: null, upstreamUrl: `http://127.0.0.1:${upB.port}` } });
    const plan = await planIngress(t.db);
    expect(plan.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(["update route"]);
    expect((await applyIngress(t.db, actor, meta)).failed).toBeNull();
    const res = await eventually(() => getThroughCaddy(caddy.httpsPort, "app.home.arpa", ca), (r) => r.body.startsWith("service-b"));
    expect(res.status).toBe(200);
  }, 60_000);

  it("shows an upstream that is down as upstream_down, not as a Caddy problem", async () => {
    const port = await freePort();
    await t.db.route.update({ where: { id: routeId }, data: { upstreamUrl: `http://127.0.0.1:${port}` } });
    await applyIngress(t.db, actor, meta);
    const overview = await getIngressOverview(t.db);
    expect(overview.caddy.status).toBe("ok");
    expect(overview.entries[0]).toMatchObject({ status: "upstream_down", detail: expect.stringMatching(/502/) });
    await t.db.route.update({ where: { id: routeId }, data: { upstreamUrl: `http://127.0.0.1:${upB.port}` } });
    await applyIngress(t.db, actor, meta);
  }, 60_000);

  it("shows a config Caddy rejected with Caddy's own error text, and leaves the running config alone", async () => {
    const badPem = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----";
    const badKey = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----";
    await setProxyEntryTls(t.db, routeId, { mode: "certificate", certificatePem: badPem, keyPem: badKey }, actor, meta);
    const result = await applyIngress(t.db, actor, meta);
    expect(result.caddy.status).toBe("rejected");
    expect(result.failed?.change.kind).toBe("certificate");
    expect(result.failed?.message).toMatch(/certificate|PEM|key/i);
    const overview = await getIngressOverview(t.db);
    expect(overview.caddy).toMatchObject({ status: "rejected", detail: result.failed?.message });
    // The route that was running keeps working.
    expect((await getThroughCaddy(caddy.httpsPort, "app.home.arpa", ca)).body).toMatch(/^service-b/);
    // Back to the internal CA: the apply succeeds and the rejection clears.
    await setProxyEntryTls(t.db, routeId, { mode: "internal" }, actor, meta);
    expect((await applyIngress(t.db, actor, meta)).caddy.status).toBe("ok");
    expect((await getIngressOverview(t.db)).caddy.status).toBe("ok");
  }, 60_000);

  it("deletes the route: the hostname no longer reaches the service, the user's route stays", async () => {
    await t.db.route.delete({ where: { id: routeId } });
    const plan = await planIngress(t.db);
    expect(plan.changes.map((c) => `${c.action} ${c.kind}`)).toEqual(["delete route", "delete tls-policy"]);
    expect((await applyIngress(t.db, actor, meta)).failed).toBeNull();
    const config = JSON.stringify(await createCaddyAdmin(caddy.adminUrl).getConfig());
    expect(config).not.toContain("homeport-");
    const objs = await userObjects();
    expect(objs.route).toEqual(USER_ROUTE);
    expect(objs.policies).toEqual([USER_POLICY]);
    const user = await getThroughCaddy(caddy.httpsPort, USER_HOST, ca);
    expect(user.body).toBe("user's own site");
    const gone = await getThroughCaddy(caddy.httpsPort, "app.home.arpa", ca).catch((e: Error) => ({ status: -1, body: e.message, headers: {} }));
    expect(gone.body).not.toMatch(/^service-/);
  }, 60_000);

  it("reports Caddy unreachable when the admin API does not answer", async () => {
    await t.db.route.create({ data: { hostname: "other.home.arpa", upstreamUrl: `http://127.0.0.1:${upA.port}` } });
    await updateIngressSettings(t.db, { adminUrl: `http://127.0.0.1:${await freePort()}` }, actor, meta);
    const overview = await getIngressOverview(t.db);
    expect(overview.caddy.status).toBe("unreachable");
    expect(overview.caddy.detail).toMatch(/did not answer/);
    expect(overview.entries[0]?.status).toBe("unreachable");
    const result = await applyIngress(t.db, actor, meta);
    expect(result.caddy.status).toBe("unreachable");
    await updateIngressSettings(t.db, { adminUrl: caddy.adminUrl }, actor, meta);
  });
});
