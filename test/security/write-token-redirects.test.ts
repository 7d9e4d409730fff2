// Settings that decide where a stored secret goes: a `write` token cannot move them (403, nothing
// changes), an admin cannot move them without entering the secret again (422 naming the field,
// nothing changes), and after a move the old secret never reaches the new endpoint. Endpoints are
// recorders on 127.0.0.1 that keep the Authorization header of every request they receive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { call, errorOf, issueToken, setupAdmin, type Auth } from "@/test/helpers/api";
import { DbSnapshots } from "@/test/helpers/refusal";
import * as ingressSettings from "@/app/api/v1/ingress/settings/route";
import * as ingressApply from "@/app/api/v1/ingress/apply/route";
import * as routeTls from "@/app/api/v1/ingress/routes/[id]/tls/route";
import * as tunnels from "@/app/api/v1/tunnel/route";
import * as tunnel from "@/app/api/v1/tunnel/[id]/route";
import * as tunnelApply from "@/app/api/v1/tunnel/[id]/apply/route";
import * as channels from "@/app/api/v1/notifications/route";
import * as channel from "@/app/api/v1/notifications/[id]/route";
import * as channelTest from "@/app/api/v1/notifications/[id]/test/route";
import * as providers from "@/app/api/v1/dns/providers/route";
import * as provider from "@/app/api/v1/dns/providers/[id]/route";
import * as providerTest from "@/app/api/v1/dns/providers/[id]/test/route";
import * as zones from "@/app/api/v1/dns/zones/route";
import * as zone from "@/app/api/v1/dns/zones/[id]/route";
import { startAuthRecorder, type AuthRecorder } from "./auth-recorder";

const KEY_PEM = "-----BEGIN PRIVATE KEY-----\nbXktcm91dGUta2V5\n-----END PRIVATE KEY-----";
const CERT_PEM = "-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----";
/** Caddy's root-CA call answers 404 (no local CA): tunnel applies ask for it. */
const caddyAnswer = (path: string) => (path.startsWith("/pki/") ? { status: 404, body: '{"error":"no local CA"}' } : { status: 200, body: "" });

let t: TestDb;
let snapshots: DbSnapshots;
let admin: Auth;
let writer: Auth;
const recorders: AuthRecorder[] = [];

async function recorder(answer?: (path: string) => { status: number; body: string }): Promise<AuthRecorder> {
  const r = await startAuthRecorder(answer);
  recorders.push(r);
  return r;
}

beforeAll(async () => {
  t = await createTestDb();
  const session = await setupAdmin(t.db);
  admin = { bearer: (await issueToken(session, ["admin"])).token };
  writer = { bearer: (await issueToken(session, ["write"])).token };
  snapshots = new DbSnapshots(t.file);
});

afterAll(async () => {
  for (const r of recorders) await r.close();
  snapshots?.close();
  await t?.cleanup();
});

/** Refused with `status` (and, for 422, the named fields), and not one row changed. */
async function refused(send: () => ReturnType<typeof call>, status: number, paths?: string[]): Promise<void> {
  let issues: string[] | undefined;
  await snapshots.expectRefused(async () => {
    const r = await send();
    issues = (r.body as { error?: { issues?: { path: string }[] } } | undefined)?.error?.issues?.map((i) => i.path);
    return r;
  }, status);
  if (paths) expect(issues).toEqual(paths);
}

const patch = (auth: Auth, body: unknown) => ({ method: "PATCH", body, auth });

describe("Caddy admin URL", () => {
  let caddyOld: AuthRecorder;
  let caddyNew: AuthRecorder;
  const settings = (auth: Auth, body: unknown) => call(ingressSettings.PATCH, "/api/v1/ingress/settings", patch(auth, body));
  const apply = () => call(ingressApply.POST, "/api/v1/ingress/apply", { method: "POST", auth: writer });

  beforeAll(async () => {
    caddyOld = await recorder(caddyAnswer);
    caddyNew = await recorder(caddyAnswer);
    const set = await settings(admin, { adminUrl: caddyOld.url, adminAuth: "Bearer caddy-old-secret" });
    expect(set.status, set.text).toBe(200);
    const route = await t.db.route.create({ data: { hostname: "keys.home.arpa", upstreamUrl: "http://127.0.0.1:9", exposure: "lan" } });
    // Uploading a route's certificate stays a day-to-day (write) operation: it goes to the stored Caddy.
    const tls = await call(routeTls.PUT, `/api/v1/ingress/routes/${route.id}/tls`, { method: "PUT", body: { mode: "certificate", certificatePem: CERT_PEM, keyPem: KEY_PEM }, auth: writer }, { id: route.id });
    expect(tls.status, tls.text).toBe(204);
  });

  it("sends the stored Authorization header to the stored admin API, and never shows it", async () => {
    expect((await apply()).status).toBe(200);
    expect(caddyOld.requests.length).toBeGreaterThan(0);
    expect(new Set(caddyOld.authorizations())).toEqual(new Set(["Bearer caddy-old-secret"]));
    const view = await call(ingressSettings.GET, "/api/v1/ingress/settings", { auth: writer });
    expect(view.body).toMatchObject({ adminUrl: caddyOld.url, adminAuthSet: true, privateKeyRoutes: 1 });
    expect(view.text).not.toContain("caddy-old-secret");
  });

  it("a write token cannot move the admin URL or any other setting (403, nothing changes)", async () => {
    await refused(() => settings(writer, { adminUrl: caddyNew.url, adminAuth: "Bearer mine", confirmMoveKeys: true }), 403);
    await refused(() => settings(writer, { proxyAddress: "127.0.0.1" }), 403);
    await refused(() => settings(writer, { adminAuth: null }), 403);
    expect(caddyNew.requests).toEqual([]);
  });

  it("an admin moving it must enter the header again and confirm that the private keys move (422, nothing changes)", async () => {
    await refused(() => settings(admin, { adminUrl: caddyNew.url }), 422, ["adminAuth", "confirmMoveKeys"]);
    await refused(() => settings(admin, { adminUrl: caddyNew.url, adminAuth: "Bearer caddy-new-secret" }), 422, ["confirmMoveKeys"]);
    await refused(() => settings(admin, { adminUrl: `${caddyNew.url}/`, confirmMoveKeys: true }), 422, ["adminAuth"]);
    await refused(() => settings(admin, { adminUrl: caddyNew.url.replace("http://", "http://user:pw@") }), 422, ["adminUrl"]);
    // Not a move: the same address with a trailing slash, other settings alongside.
    const same = await settings(admin, { adminUrl: `${caddyOld.url}/`, httpsPort: 8443 });
    expect(same.status, same.text).toBe(200);
    expect(caddyNew.requests).toEqual([]);
  });

  it("with the header entered again the move works: the new address gets the new header, never the old one", async () => {
    const moved = await settings(admin, { adminUrl: caddyNew.url, adminAuth: "Bearer caddy-new-secret", confirmMoveKeys: true });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.text).not.toContain("caddy-new-secret");
    expect((await apply()).status).toBe(200);
    expect(caddyNew.requests.length).toBeGreaterThan(0);
    expect(new Set(caddyNew.authorizations())).toEqual(new Set(["Bearer caddy-new-secret"]));
    expect(JSON.stringify(caddyNew.requests)).not.toContain("caddy-old-secret");
    // What the confirmation said would happen: the route's key now goes to the new address.
    expect(caddyNew.requests.some((r) => r.body.includes("bXktcm91dGUta2V5"))).toBe(true);
    const audit = await t.db.auditEvent.findMany({ where: { action: "ingress.settings.update", details: { contains: caddyNew.url } } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).not.toContain("caddy-new-secret");
  });

  it("moving back with the header removed sends no header at all", async () => {
    const before = caddyOld.requests.length;
    const back = await settings(admin, { adminUrl: caddyOld.url, adminAuth: null, confirmMoveKeys: true });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ adminAuthSet: false });
    expect((await apply()).status).toBe(200);
    const after = caddyOld.requests.slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((r) => r.authorization)).toEqual(after.map(() => null));
  });
});

describe("tunnels", () => {
  let edgeOld: AuthRecorder;
  let edgeNew: AuthRecorder;
  let id = "";
  const edgeBody = (apiBaseUrl: string, credentials: string) => ({ name: "edge", kind: "caddy-edge", mode: "remote", externalId: "edge.example.org", originUrl: "https://192.168.1.10:443", apiBaseUrl, credentials });
  const update = (auth: Auth, body: unknown, tid = id) => call(tunnel.PATCH, `/api/v1/tunnel/${tid}`, patch(auth, body), { id: tid });

  beforeAll(async () => {
    edgeOld = await recorder(caddyAnswer);
    edgeNew = await recorder(caddyAnswer);
  });

  it("a write token cannot add, move, re-mode or delete a tunnel (403, nothing changes)", async () => {
    await refused(() => call(tunnels.POST, "/api/v1/tunnel", { body: edgeBody(edgeNew.url, "x"), auth: writer }), 403);
    const created = await call(tunnels.POST, "/api/v1/tunnel", { body: edgeBody(edgeOld.url, "edge-old-secret"), auth: admin });
    expect(created.status, created.text).toBe(201);
    id = (created.body as { id: string }).id;
    await refused(() => update(writer, { apiBaseUrl: edgeNew.url, credentials: "mine" }), 403);
    await refused(() => update(writer, { originUrl: "https://203.0.113.9:443" }), 403);
    await refused(() => update(writer, { externalId: "attacker.example.net" }), 403);
    await refused(() => call(tunnel.DELETE, `/api/v1/tunnel/${id}`, { method: "DELETE", auth: writer }, { id }), 403);
    expect(edgeNew.requests).toEqual([]);
  });

  it("an admin moving the API address must enter the credentials again (422, nothing changes)", async () => {
    await refused(() => update(admin, { apiBaseUrl: edgeNew.url }), 422, ["credentials"]);
    await refused(() => update(admin, { apiBaseUrl: edgeNew.url, credentials: "" }), 422, ["credentials"]);
    await refused(() => update(admin, { apiBaseUrl: edgeNew.url.replace("http://", "http://u:p@"), credentials: "x" }), 422, ["apiBaseUrl"]);
    await refused(() => update(admin, { originUrl: "https://u:p@192.168.1.10:443" }), 422, ["originUrl"]);
  });

  it("with the credentials entered again the edge at the new address gets only the new ones", async () => {
    const moved = await update(admin, { apiBaseUrl: edgeNew.url, credentials: "edge-new-secret" });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.text).not.toContain("edge-new-secret");
    const applied = await call(tunnelApply.POST, `/api/v1/tunnel/${id}/apply`, { method: "POST", auth: writer }, { id });
    expect(applied.status, applied.text).toBe(200);
    expect(edgeNew.requests.length).toBeGreaterThan(0);
    expect(new Set(edgeNew.authorizations())).toEqual(new Set(["Bearer edge-new-secret"]));
    expect(JSON.stringify(edgeNew.requests)).not.toContain("edge-old-secret");
  });

  it("a Cloudflare tunnel's mode, account and (local) host need the credentials again", async () => {
    const host = await t.db.host.create({ data: { name: "nas", addresses: "[]" } });
    const created = await call(tunnels.POST, "/api/v1/tunnel", {
      body: { name: "cf", kind: "cloudflare", mode: "remote", accountId: "023e105f4ecef8ad9ca31a8372d0c353", externalId: "f70ff985-a4ef-4643-bbbc-4a0ed4fc8415", credentials: "cf-token", originUrl: "https://192.168.1.10:443" },
      auth: admin,
    });
    expect(created.status, created.text).toBe(201);
    const cf = (created.body as { id: string }).id;
    await refused(() => update(writer, { mode: "local" }, cf), 403);
    await refused(() => update(admin, { mode: "local" }, cf), 422, ["credentials"]);
    await refused(() => update(admin, { accountId: "ffffffffffffffffffffffffffffffff" }, cf), 422, ["credentials"]);
    // A host only matters in local mode, where the credentials file is handed to its agent.
    const remoteHost = await update(admin, { hostId: host.id }, cf);
    expect(remoteHost.status, remoteHost.text).toBe(200);
    const local = await update(admin, { mode: "local", hostId: null, credentials: '{"TunnelSecret":"x"}' }, cf);
    expect(local.status, local.text).toBe(200);
    await refused(() => update(admin, { hostId: host.id }, cf), 422, ["credentials"]);
    expect((await update(admin, { originUrl: "https://192.168.1.11:443" }, cf)).status).toBe(200);
  });
});

describe("notification channels", () => {
  let hookOld: AuthRecorder;
  let hookNew: AuthRecorder;
  let id = "";
  const update = (auth: Auth, body: unknown) => call(channel.PATCH, `/api/v1/notifications/${id}`, patch(auth, body), { id });
  const sendTest = () => call(channelTest.POST, `/api/v1/notifications/${id}/test`, { method: "POST", auth: writer }, { id });

  beforeAll(async () => {
    hookOld = await recorder();
    hookNew = await recorder();
    const r = await call(channels.POST, "/api/v1/notifications", { body: { name: "hook", kind: "webhook", config: { url: `${hookOld.url}/in` }, secret: "hook-old-secret" }, auth: admin });
    expect(r.status, r.text).toBe(201);
    id = (r.body as { id: string }).id;
  });

  it("a write token cannot add a channel or move one (403, nothing changes)", async () => {
    await refused(() => call(channels.POST, "/api/v1/notifications", { body: { name: "mine", kind: "webhook", config: { url: `${hookNew.url}/in` } }, auth: writer }), 403);
    await refused(() => update(writer, { config: { url: `${hookNew.url}/in` }, secret: "mine" }), 403);
  });

  it("an admin moving the URL must enter the secret again (422, nothing changes)", async () => {
    await refused(() => update(admin, { config: { url: `${hookNew.url}/in` } }), 422, ["secret"]);
    // Same destination (trailing slash aside), other settings changed: not a move.
    expect((await update(admin, { config: { url: `${hookOld.url}/in/`, appUrl: "https://homeport.home.example" } })).status).toBe(200);
    expect(hookNew.requests).toEqual([]);
  });

  it("with the secret entered again the new URL gets only the new one; removing it sends none", async () => {
    const moved = await update(admin, { config: { url: `${hookNew.url}/in` }, secret: "hook-new-secret" });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.text).not.toContain("hook-new-secret");
    expect((await sendTest()).body).toMatchObject({ status: "sent" });
    expect(hookNew.authorizations()).toEqual(["Bearer hook-new-secret"]);
    const before = hookOld.requests.length;
    const back = await update(admin, { config: { url: `${hookOld.url}/in` }, secret: null });
    expect(back.body).toMatchObject({ hasSecret: false });
    expect((await sendTest()).body).toMatchObject({ status: "sent" });
    expect(hookOld.requests.slice(before).map((r) => r.authorization)).toEqual([null]);
  });
});

describe("DNS providers and zones", () => {
  let cfOld: AuthRecorder;
  let cfNew: AuthRecorder;
  let id = "";
  let zoneId = "";
  const update = (auth: Auth, body: unknown, pid = id) => call(provider.PATCH, `/api/v1/dns/providers/${pid}`, patch(auth, body), { id: pid });

  beforeAll(async () => {
    cfOld = await recorder();
    cfNew = await recorder();
    const r = await call(providers.POST, "/api/v1/dns/providers", { body: { name: "cf", kind: "cloudflare", settings: { apiToken: "cf-old-secret", baseUrl: cfOld.url } }, auth: admin });
    expect(r.status, r.text).toBe(201);
    id = (r.body as { id: string }).id;
  });

  it("a write token cannot move a provider, or add, re-target or delete a zone (403, nothing changes)", async () => {
    await refused(() => update(writer, { settings: { baseUrl: cfNew.url, apiToken: "mine" } }), 403);
    await refused(() => call(zones.POST, "/api/v1/dns/zones", { body: { name: "example.org", role: "public", providerId: id, target: ["attacker.example.net"] }, auth: writer }), 403);
    const z = await call(zones.POST, "/api/v1/dns/zones", { body: { name: "example.org", role: "public", providerId: id, target: ["edge.example.org"] }, auth: admin });
    expect(z.status, z.text).toBe(201);
    zoneId = (z.body as { id: string }).id;
    await refused(() => call(zone.PATCH, `/api/v1/dns/zones/${zoneId}`, patch(writer, { target: ["attacker.example.net"] }), { id: zoneId }), 403);
    await refused(() => call(zone.DELETE, `/api/v1/dns/zones/${zoneId}`, { method: "DELETE", auth: writer }, { id: zoneId }), 403);
  });

  it("an admin moving the API address must enter the token again (422 naming it, nothing changes)", async () => {
    await refused(() => update(admin, { settings: { baseUrl: cfNew.url } }), 422, ["settings.apiToken"]);
    await refused(() => update(admin, { settings: { baseUrl: cfNew.url, apiToken: "" } }), 422, ["settings.apiToken"]);
    await refused(() => update(admin, { settings: { baseUrl: cfNew.url.replace("http://", "http://u:p@"), apiToken: "x" } }), 422, ["settings.baseUrl"]);
    expect((await update(admin, { name: "cloudflare", settings: { baseUrl: `${cfOld.url}/` } })).status).toBe(200);
  });

  it("with the token entered again the new address gets only the new one", async () => {
    const moved = await update(admin, { settings: { baseUrl: cfNew.url, apiToken: "cf-new-secret" } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.text).not.toContain("cf-new-secret");
    const tested = await call(providerTest.POST, `/api/v1/dns/providers/${id}/test`, { method: "POST", auth: writer }, { id });
    expect(tested.status).toBe(200);
    expect(cfNew.requests.length).toBeGreaterThan(0);
    expect(new Set(cfNew.authorizations())).toEqual(new Set(["Bearer cf-new-secret"]));
    expect(JSON.stringify(cfNew.requests)).not.toContain("cf-old-secret");
  });

  it("an RFC 2136 server or port change needs the TSIG secret; the key name alone does not", async () => {
    const r = await call(providers.POST, "/api/v1/dns/providers", { body: { name: "bind", kind: "rfc2136", settings: { server: "127.0.0.1", port: 5353, keyName: "homeport", secret: "c2VjcmV0" } }, auth: admin });
    expect(r.status, r.text).toBe(201);
    const bind = (r.body as { id: string }).id;
    await refused(() => update(admin, { settings: { server: "127.0.0.2" } }, bind), 422, ["settings.secret"]);
    await refused(() => update(admin, { settings: { port: 53 } }, bind), 422, ["settings.secret"]);
    expect((await update(admin, { settings: { keyName: "homeport2", port: 5353 } }, bind)).status).toBe(200);
    expect((await update(admin, { settings: { server: "127.0.0.2", secret: "bmV3c2VjcmV0" } }, bind)).status).toBe(200);
  });

  it("refuses credentials written into a provider URL, which every reader would see", async () => {
    const r = await call(providers.POST, "/api/v1/dns/providers", { body: { name: "tech", kind: "technitium", settings: { url: "http://admin:pw@127.0.0.1:5380", token: "t" } }, auth: admin });
    expect(r.status).toBe(422);
    expect(errorOf(r).issues?.map((i) => i.path)).toEqual(["settings.url"]);
  });
});
