// A self-hosted edge against two real Caddys from Debian on loopback: the "edge" (an
// internet-facing Caddy in real life, with the user's own site on it) and the "LAN proxy" origin
// (internal CA, answering with X-Homeport-Route). Through the tunnel API's lib functions:
// apply rules for two hostnames, request through the edge with SNI + Host and get the origin's
// answer, remove one, and check the user's route is untouched and an unknown host gets 404.
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { createCaddyAdmin } from "@/lib/ingress";
import { applyTunnel, createTunnel, EDGE_SERVER_NAME, planTunnel, tunnelPublicDnsRecords, tunnelRuleStatuses, updateTunnel } from "@/lib/tunnel";
import { eventually, freePort, startCaddy, type CaddyProcess } from "@/test/ingress/caddy-harness";
import { call, errorOf, setupAdmin } from "@/test/helpers/api";
import { POST as tunnelsPOST } from "@/app/api/v1/tunnel/route";
import { GET as planGET } from "@/app/api/v1/tunnel/[id]/plan/route";

const actor = { type: "system" as const, name: "edge-test" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };
const HOSTS = ["app.example.org", "photos.example.org"];
const USER_ROUTE = { "@id": "user-own-site", match: [{ host: ["blog.example.org"] }], handle: [{ handler: "static_response", body: "the user's own blog" }], terminal: true };
// No ACME here: both Caddys issue from their internal CA (an edge on a VPS would use ACME).
const INTERNAL_ONLY = { automation: { policies: [{ issuers: [{ module: "internal" }] }] } };

let t: TestDb;
let edge: CaddyProcess;
let origin: CaddyProcess;
let userPort = 0;
let tunnelId = "";

/** GET through a Caddy's HTTPS port: TLS name `sni`, Host header `host`; the edge's certificate is not what is tested. */
function get(port: number, sni: string, host = sni): Promise<{ status: number; route: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", servername: sni, headers: { host }, rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, route: res.headers["x-homeport-route"] as string | undefined, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

async function edgeConfig() {
  return (await createCaddyAdmin(edge.adminUrl).getConfig()) as { apps: { http: { servers: Record<string, { listen: string[]; routes: { "@id"?: string }[] }> } } };
}

beforeAll(async () => {
  t = await createTestDb();
  // The LAN proxy: one route per hostname answering with its own id, as Homeport's entries do.
  origin = await startCaddy(({ http, https }) => ({
    apps: {
      http: {
        http_port: http,
        https_port: https,
        servers: {
          lan: {
            listen: [`127.0.0.1:${https}`],
            routes: HOSTS.map((h) => ({ match: [{ host: [h] }], handle: [{ handler: "headers", response: { set: { "X-Homeport-Route": [`route-${h.split(".")[0]}`] } } }, { handler: "static_response", body: `origin answered {http.request.host}` }], terminal: true })),
          },
        },
      },
      tls: INTERNAL_ONLY,
    },
  }));
  userPort = await freePort();
  edge = await startCaddy(({ http, https }) => ({
    apps: { http: { http_port: http, https_port: https, servers: { srv0: { listen: [`127.0.0.1:${userPort}`], routes: [USER_ROUTE] } } }, tls: INTERNAL_ONLY },
  }));
  for (const [i, hostname] of HOSTS.entries()) await t.db.route.create({ data: { id: `route${i}`, hostname, upstreamUrl: "http://192.0.2.20:8080", exposure: "both" } });
  await t.db.route.create({ data: { hostname: "nas.example.org", upstreamUrl: "http://192.0.2.21:5000", exposure: "lan" } });
}, 60_000);

afterAll(async () => {
  await edge?.stop();
  await origin?.stop();
  await t?.cleanup();
});

describe("self-hosted edge (caddy-edge) against a real Caddy", () => {
  it("is added with the admin API URL and the edge's DNS name, no credentials needed", async () => {
    const view = await createTunnel(t.db, { name: "edge", kind: "caddy-edge", mode: "remote", accountId: null, externalId: "edge.example.org", credentials: "", originUrl: `https://127.0.0.1:${origin.httpsPort}`, apiBaseUrl: edge.adminUrl, hostId: null }, actor, meta);
    tunnelId = view.id;
    expect(view).toMatchObject({ kind: "caddy-edge", hasCredentials: false });
    const plan = await planTunnel(t.db, tunnelId);
    expect(plan.status.status).toBe("ok");
    expect(plan.changes.map((c) => `${c.action} ${c.hostname}`)).toEqual(HOSTS.map((h) => `create ${h}`));
    expect(plan.validationErrors).toEqual([]);
    expect(plan.publicRecords).toEqual(HOSTS.map((h) => ({ name: h, type: "CNAME", content: "edge.example.org", proxied: false })));
    expect((await edgeConfig()).apps.http.servers[EDGE_SERVER_NAME]).toBeUndefined();
  });

  it("apply creates Homeport's server; each hostname reaches the origin through the edge with its own fingerprint", async () => {
    const result = await applyTunnel(t.db, tunnelId, actor, meta);
    expect(result.status).toEqual({ status: "ok", detail: null });
    expect((await edgeConfig()).apps.http.servers[EDGE_SERVER_NAME]?.listen).toEqual([`:${edge.httpsPort}`]);
    for (const h of HOSTS) {
      const res = await eventually(() => get(edge.httpsPort, h), (r) => r.status === 200);
      expect(res.body).toBe(`origin answered ${h}`);
      expect(res.route).toBe(`route-${h.split(".")[0]}`);
    }
    expect((await planTunnel(t.db, tunnelId))).toMatchObject({ changes: [], needsWrite: false });
    expect((await tunnelRuleStatuses(t.db)).map((s) => `${s.hostname} ${s.status}`)).toEqual(HOSTS.map((h) => `${h} ok`));
    expect(await tunnelPublicDnsRecords(t.db)).toEqual(HOSTS.map((h) => ({ name: h, type: "CNAME", content: "edge.example.org", proxied: false })));
  });

  it("an unknown host gets 404 from the edge", async () => {
    const res = await eventually(() => get(edge.httpsPort, "app.example.org", "unknown.example.org"));
    expect(res.status).toBe(404);
    expect(res.route).toBeUndefined();
  });

  it("a route no longer exposed remotely is removed; the other stays and the user's own route is untouched", async () => {
    const before = (await edgeConfig()).apps.http.servers.srv0;
    await t.db.route.update({ where: { hostname: "photos.example.org" }, data: { exposure: "lan" } });
    const plan = await planTunnel(t.db, tunnelId);
    expect(plan.changes.map((c) => `${c.action} ${c.hostname}`)).toEqual(["delete photos.example.org"]);
    expect((await applyTunnel(t.db, tunnelId, actor, meta)).status.status).toBe("ok");
    // Caddy swaps its config gracefully: retry through the swap rather than racing it.
    expect((await eventually(() => get(edge.httpsPort, "app.example.org", "photos.example.org"), (r) => r.status === 404)).body).toBe("No route for this host on the edge");
    expect((await eventually(() => get(edge.httpsPort, "app.example.org"), (r) => r.status === 200)).route).toBe("route-app");
    const after = await edgeConfig();
    expect(after.apps.http.servers.srv0).toEqual(before);
    expect(after.apps.http.servers[EDGE_SERVER_NAME]?.routes.map((r) => r["@id"])).toEqual(["homeport-edge-route-app.example.org", "homeport-edge-catch-all"]);
    const user = await eventually(() => get(userPort, "blog.example.org"), (r) => r.status === 200);
    expect(user.body).toBe("the user's own blog");
  });

  it("an admin API that does not answer shows as unreachable on the tunnel, nothing else changes", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await updateTunnel(t.db, tunnelId, { apiBaseUrl: closed }, actor, meta);
    const result = await applyTunnel(t.db, tunnelId, actor, meta);
    expect(result.status.status).toBe("unreachable");
    expect(result.status.detail).toMatch(/ECONNREFUSED/);
    await updateTunnel(t.db, tunnelId, { apiBaseUrl: edge.adminUrl }, actor, meta);
  });
});

describe("the tunnel API with kind caddy-edge", () => {
  it("POST /api/v1/tunnel takes the edge's admin URL and DNS name; a missing admin URL is a 422 on that field", async () => {
    const session = await setupAdmin(t.db);
    const body = { name: "edge-api", kind: "caddy-edge", mode: "remote", externalId: "edge.example.org", apiBaseUrl: edge.adminUrl, originUrl: `https://127.0.0.1:${origin.httpsPort}` };
    const created = await call(tunnelsPOST, "/api/v1/tunnel", { body, auth: session });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ kind: "caddy-edge", mode: "remote", externalId: "edge.example.org", hasCredentials: false });
    const plan = await call<{ id: string }>(planGET, "/api/v1/tunnel/x/plan", { auth: session }, { id: (created.body as { id: string }).id });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body).toMatchObject({ status: { status: "ok" }, changes: [], needsWrite: false, validationErrors: [] });
    const bad = await call(tunnelsPOST, "/api/v1/tunnel", { body: { ...body, name: "edge-bad", apiBaseUrl: undefined }, auth: session });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).issues?.map((i) => i.path)).toEqual(["apiBaseUrl"]);
  });
});
