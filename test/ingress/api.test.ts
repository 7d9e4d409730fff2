// The ingress and tunnel HTTP API through the real route handlers: authentication, settings,
// plan → apply against a real Caddy, root certificate download, and tunnel credentials that are
// accepted but never returned.
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { call, errorOf, makeRequest, setupAdmin } from "@/test/helpers/api";
import { GET as overviewGET } from "@/app/api/v1/ingress/route";
import { GET as settingsGET, PATCH as settingsPATCH } from "@/app/api/v1/ingress/settings/route";
import { GET as planGET } from "@/app/api/v1/ingress/plan/route";
import { POST as applyPOST } from "@/app/api/v1/ingress/apply/route";
import { GET as statusGET } from "@/app/api/v1/ingress/status/route";
import { GET as rootGET } from "@/app/api/v1/ingress/root-ca/route";
import { PUT as tlsPUT } from "@/app/api/v1/ingress/routes/[id]/tls/route";
import { GET as tunnelsGET, POST as tunnelsPOST } from "@/app/api/v1/tunnel/route";
import { GET as tunnelGET, PATCH as tunnelPATCH } from "@/app/api/v1/tunnel/[id]/route";
import { GET as tunnelDnsGET } from "@/app/api/v1/tunnel/dns-records/route";
import { eventually, startCaddy, startUpstream, type CaddyProcess } from "./caddy-harness";

let t: TestDb;
let caddy: CaddyProcess;
let up: Awaited<ReturnType<typeof startUpstream>>;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
  caddy = await startCaddy(({ http, https }) => ({ apps: { http: { http_port: http, https_port: https, servers: { srv0: { listen: [`127.0.0.1:${https}`], routes: [] } } } } }));
  up = await startUpstream("api-upstream");
}, 60_000);

afterAll(async () => {
  await up?.close();
  await caddy?.stop();
  await t?.cleanup();
});

describe("ingress API", () => {
  it("needs a signed-in user or token", async () => {
    const r = await call(overviewGET, "/api/v1/ingress");
    expect(r.status).toBe(401);
    errorOf(r);
  });

  it("validates and saves settings", async () => {
    const bad = await call(settingsPATCH, "/api/v1/ingress/settings", { method: "PATCH", body: { adminUrl: "ftp://x", httpsPort: 0 }, auth: session });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).issues?.map((i) => i.path).sort()).toEqual(["adminUrl", "httpsPort"]);
    const r = await call(settingsPATCH, "/api/v1/ingress/settings", {
      method: "PATCH",
      body: { adminUrl: caddy.adminUrl, serverName: "srv0", httpPort: caddy.httpPort, httpsPort: caddy.httpsPort, proxyAddress: "127.0.0.1" },
      auth: session,
    });
    expect(r.status, r.text).toBe(200);
    expect((await call(settingsGET, "/api/v1/ingress/settings", { auth: session })).body).toMatchObject({ serverName: "srv0", httpsPort: caddy.httpsPort });
  });

  it("plans, applies, reports ok and serves the root certificate", async () => {
    const route = await t.db.route.create({ data: { hostname: "api.home.arpa", upstreamUrl: `http://127.0.0.1:${up.port}`, exposure: "both" } });
    const plan = await call(planGET, "/api/v1/ingress/plan", { auth: session });
    expect(plan.status).toBe(200);
    expect((plan.body as { changes: { kind: string }[] }).changes.map((c) => c.kind)).toEqual(["tls-policy", "route"]);
    expect(plan.text).not.toContain('"ops"');
    const applied = await call(applyPOST, "/api/v1/ingress/apply", { method: "POST", auth: session });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ caddy: { status: "ok" }, failed: null });
    const status = await eventually(
      () => call(statusGET, "/api/v1/ingress/status", { auth: session }),
      (r) => (r.body as { entries: { status: string }[] }).entries[0]?.status === "ok",
    );
    expect((status.body as { entries: unknown[] }).entries[0]).toMatchObject({ routeId: route.id, hostname: "api.home.arpa", exposure: "both", status: "ok" });
    const download = (path: string) => rootGET(makeRequest(path, { auth: session }), { params: Promise.resolve({}) });
    const pem = await eventually(() => download("/api/v1/ingress/root-ca"), (r) => r.status === 200);
    expect(pem.headers.get("content-type")).toBe("application/x-pem-file");
    expect(pem.headers.get("content-disposition")).toContain("homeport-root-ca.crt");
    expect(new X509Certificate(await pem.text()).subject).toMatch(/Caddy Local Authority/);
    const der = await download("/api/v1/ingress/root-ca?format=der");
    expect(der.headers.get("content-disposition")).toContain("homeport-root-ca.cer");
    expect(new X509Certificate(Buffer.from(await der.arrayBuffer())).subject).toMatch(/Caddy Local Authority/);
  }, 60_000);

  it("accepts a private key for a Route's certificate but never shows it", async () => {
    const route = await t.db.route.findFirstOrThrow();
    const keyPem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----";
    const r = await call(tlsPUT, `/api/v1/ingress/routes/${route.id}/tls`, { method: "PUT", body: { mode: "certificate", certificatePem: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----", keyPem }, auth: session }, { id: route.id });
    expect(r.status, r.text).toBe(204);
    const overview = await call(overviewGET, "/api/v1/ingress", { auth: session });
    expect(overview.text).not.toContain("c2VjcmV0LWtleQ");
    expect((overview.body as { entries: { tlsMode: string }[] }).entries[0]?.tlsMode).toBe("certificate");
    const plan = await call(planGET, "/api/v1/ingress/plan", { auth: session });
    expect(plan.text).not.toContain("c2VjcmV0LWtleQ");
    const row = await t.db.proxyEntry.findUniqueOrThrow({ where: { routeId: route.id } });
    expect(row.keySealed).not.toContain("c2VjcmV0LWtleQ");
  });
});

describe("tunnel API", () => {
  it("creates a tunnel; the token is never in any answer", async () => {
    const token = "cf-api-token-very-secret";
    const body = { name: "home", kind: "cloudflare", mode: "remote", accountId: "023e105f4ecef8ad9ca31a8372d0c353", externalId: "f70ff985-a4ef-4643-bbbc-4a0ed4fc8415", credentials: token, originUrl: "https://192.168.1.10:443/" };
    const created = await call(tunnelsPOST, "/api/v1/tunnel", { body, auth: session });
    expect(created.status, created.text).toBe(201);
    expect(created.text).not.toContain(token);
    const id = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({ originUrl: "https://192.168.1.10:443", hasCredentials: true });
    expect((await call(tunnelsGET, "/api/v1/tunnel", { auth: session })).text).not.toContain(token);
    expect((await call(tunnelGET, `/api/v1/tunnel/${id}`, { auth: session }, { id })).text).not.toContain(token);
    const patched = await call(tunnelPATCH, `/api/v1/tunnel/${id}`, { method: "PATCH", body: { credentials: "another-secret" }, auth: session }, { id });
    expect(patched.status).toBe(200);
    expect(patched.text).not.toContain("another-secret");
    const dns = await call(tunnelDnsGET, "/api/v1/tunnel/dns-records", { auth: session });
    expect(dns.body).toEqual({ items: [{ name: "api.home.arpa", type: "CNAME", content: "f70ff985-a4ef-4643-bbbc-4a0ed4fc8415.cfargotunnel.com", proxied: true }] });
  });

  it("a remote tunnel without account id is refused with the field named", async () => {
    const r = await call(tunnelsPOST, "/api/v1/tunnel", {
      body: { name: "x", kind: "cloudflare", mode: "remote", externalId: "f70ff985-a4ef-4643-bbbc-4a0ed4fc8415", credentials: "t", originUrl: "https://192.168.1.10:443" },
      auth: session,
    });
    expect(r.status).toBe(422);
    expect(errorOf(r).issues?.[0]?.path).toBe("accountId");
  });
});
