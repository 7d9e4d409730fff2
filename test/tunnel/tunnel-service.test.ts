// Tunnels end to end in lib: credentials sealed and never shown, plan/apply of the ingress rules
// against the Cloudflare contract fake, the user's own rules kept, per-Route rule status, public
// CNAMEs for the DNS module, and locally managed mode's config.yml and agent hand-off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import {
  applyTunnel,
  createTunnel,
  listTunnels,
  planTunnel,
  tunnelPublicDnsRecords,
  tunnelRuleStatuses,
  updateTunnel,
  validateCloudflaredIngress,
} from "@/lib/tunnel";
import { startFakeCloudflare, type FakeCloudflare } from "./fakes/cloudflare-api";

const actor = { type: "system" as const, name: "tunnel-test" };
const meta = { ip: "127.0.0.1", userAgent: "vitest", secure: false };
const ORIGIN = "https://192.168.1.10:443";
const USER_RULE = { hostname: "ssh.example.com", service: "ssh://192.168.1.2:22" };

let t: TestDb;
let cf: FakeCloudflare;
let remoteId = "";

beforeAll(async () => {
  t = await createTestDb();
  cf = await startFakeCloudflare();
  cf.configs.set(cf.tunnelId, { version: 1, config: { ingress: [USER_RULE, { service: "http_status:404" }], "warp-routing": { enabled: true }, originRequest: { connectTimeout: 30 } } });
  await t.db.route.createMany({
    data: [
      { hostname: "app.example.com", upstreamUrl: "http://192.168.1.20:8080", exposure: "both" },
      { hostname: "lan.example.com", upstreamUrl: "http://192.168.1.21:8080", exposure: "lan" },
      { hostname: "away.example.com", upstreamUrl: "http://192.168.1.22:8080", exposure: "remote" },
    ],
  });
});
afterAll(async () => {
  await cf?.close();
  await t?.cleanup();
});

describe("remotely managed Cloudflare tunnel", () => {
  it("stores the API token sealed and never returns it", async () => {
    const view = await createTunnel(t.db, { name: "home", kind: "cloudflare", mode: "remote", accountId: cf.accountId, externalId: cf.tunnelId, credentials: cf.token, originUrl: ORIGIN, apiBaseUrl: cf.baseUrl, hostId: null }, actor, meta);
    remoteId = view.id;
    expect(view.hasCredentials).toBe(true);
    expect(JSON.stringify(view)).not.toContain(cf.token);
    expect(JSON.stringify(await listTunnels(t.db))).not.toContain(cf.token);
    const row = await t.db.tunnel.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.credentialsSealed).not.toContain(cf.token);
    const audit = await t.db.auditEvent.findMany({ where: { targetType: "tunnel" } });
    expect(JSON.stringify(audit)).not.toContain(cf.token);
  });

  it("plans one rule per remotely exposed Route, before the user's own rule", async () => {
    const plan = await planTunnel(t.db, remoteId);
    expect(plan.status.status).toBe("ok");
    expect(plan.changes.map((c) => `${c.action} ${c.hostname}`)).toEqual(["create app.example.com", "create away.example.com"]);
    expect(plan.rules.map((r) => r.hostname ?? r.service)).toEqual(["app.example.com", "away.example.com", "ssh.example.com", "http_status:404"]);
    expect(plan.validationErrors).toEqual([]);
    expect(cf.configs.get(cf.tunnelId)?.version).toBe(1);
  });

  it("applies through the configuration endpoint; the user's rule and catch-all stay", async () => {
    const result = await applyTunnel(t.db, remoteId, actor, meta);
    expect(result.status).toEqual({ status: "ok", detail: null });
    const stored = cf.configs.get(cf.tunnelId);
    expect(stored?.version).toBe(2);
    expect(stored?.config?.ingress?.at(-1)).toEqual({ service: "http_status:404" });
    expect(stored?.config?.ingress).toContainEqual(USER_RULE);
    // The user's other tunnel settings survive the whole-document PUT.
    expect(stored?.config?.["warp-routing"]).toEqual({ enabled: true });
    expect(stored?.config?.originRequest).toEqual({ connectTimeout: 30 });
    expect(validateCloudflaredIngress(stored?.config?.ingress as never)).toEqual([]);
    expect((await planTunnel(t.db, remoteId)).changes).toEqual([]);
    const statuses = await tunnelRuleStatuses(t.db);
    expect(statuses.map((s) => `${s.hostname} ${s.status}`)).toEqual(["app.example.com ok", "away.example.com ok"]);
  });

  it("a Route no longer exposed remotely loses its rule on the next apply", async () => {
    await t.db.route.update({ where: { hostname: "away.example.com" }, data: { exposure: "lan" } });
    const plan = await planTunnel(t.db, remoteId);
    expect(plan.changes.map((c) => `${c.action} ${c.hostname}`)).toEqual(["delete away.example.com"]);
    await applyTunnel(t.db, remoteId, actor, meta);
    expect(cf.configs.get(cf.tunnelId)?.config?.ingress?.map((r) => r.hostname ?? r.service)).toEqual(["app.example.com", "ssh.example.com", "http_status:404"]);
  });

  it("derives the public CNAMEs for the DNS module", async () => {
    expect(await tunnelPublicDnsRecords(t.db)).toEqual([{ name: "app.example.com", type: "CNAME", content: `${cf.tunnelId}.cfargotunnel.com`, proxied: true }]);
  });

  it("a revoked token shows as unauthorized on the tunnel and on each rule, Cloudflare untouched", async () => {
    await updateTunnel(t.db, remoteId, { credentials: "revoked-token" }, actor, meta);
    const result = await applyTunnel(t.db, remoteId, actor, meta);
    expect(result.status.status).toBe("unauthorized");
    expect(result.status.detail).toMatch(/code 10000/);
    expect((await listTunnels(t.db))[0]?.status).toBe("unauthorized");
    expect((await tunnelRuleStatuses(t.db))[0]).toMatchObject({ status: "error", detail: expect.stringMatching(/Authentication error/) });
    await updateTunnel(t.db, remoteId, { credentials: cf.token }, actor, meta);
  });

  it("moving the API address needs the credentials again, so a stored token cannot be redirected", async () => {
    await expect(updateTunnel(t.db, remoteId, { apiBaseUrl: "http://127.0.0.1:1/client/v4" }, actor, meta)).rejects.toMatchObject({ code: "invalid" });
    const same = await updateTunnel(t.db, remoteId, { apiBaseUrl: cf.baseUrl }, actor, meta);
    expect(same.apiBaseUrl).toBe(cf.baseUrl);
  });

  it("rate limiting is reported as such", async () => {
    await t.db.route.update({ where: { hostname: "away.example.com" }, data: { exposure: "both" } });
    cf.rateLimitNext(1, 5);
    const result = await applyTunnel(t.db, remoteId, actor, meta);
    expect(result.status.status).toBe("rate_limited");
    expect((await applyTunnel(t.db, remoteId, actor, meta)).status.status).toBe("ok");
  });
});

describe("locally managed Cloudflare tunnel", () => {
  it("generates a config.yml cloudflared accepts, and hands the container to the agent", async () => {
    const credentials = JSON.stringify({ AccountTag: cf.accountId, TunnelSecret: "c2VjcmV0", TunnelID: "6ff42ae2-765d-4adf-8112-31c55c1551ef" });
    const view = await createTunnel(t.db, { name: "local", kind: "cloudflare", mode: "local", accountId: null, externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef", credentials, originUrl: ORIGIN, apiBaseUrl: null, hostId: null }, actor, meta);
    const plan = await planTunnel(t.db, view.id);
    expect(plan.validationErrors).toEqual([]);
    const yml = parse(plan.configYaml ?? "") as { tunnel: string; "credentials-file": string; ingress: { hostname?: string; service: string; originRequest?: Record<string, unknown> }[] };
    expect(yml.tunnel).toBe("6ff42ae2-765d-4adf-8112-31c55c1551ef");
    expect(yml["credentials-file"]).toBe("/etc/cloudflared/credentials.json");
    expect(yml.ingress.map((r) => r.hostname ?? r.service)).toEqual(["app.example.com", "away.example.com", "http_status:404"]);
    expect(yml.ingress[0]?.originRequest).toEqual({ httpHostHeader: "app.example.com", originServerName: "app.example.com", caPool: "/etc/cloudflared/homeport-root-ca.crt" });
    expect(plan.configYaml).not.toContain("c2VjcmV0");
    const result = await applyTunnel(t.db, view.id, actor, meta, "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----");
    // No host chosen: nothing is deployed, and the tunnel says what is missing.
    expect(result.status.status).toBe("pending");
    expect(result.handOff?.status).toBe("no_host");
    expect(result.handOff?.spec.command).toEqual(["tunnel", "--no-autoupdate", "--config", "/etc/cloudflared/config.yml", "run"]);
    expect(result.handOff?.spec.files).toEqual(["cloudflared/local/config.yml", "cloudflared/local/credentials.json", "cloudflared/local/homeport-root-ca.crt"]);
    expect(result.handOff?.spec.volumes.map((v) => v.target)).toEqual(["/etc/cloudflared/config.yml", "/etc/cloudflared/credentials.json", "/etc/cloudflared/homeport-root-ca.crt"]);
    expect((await t.db.tunnel.findUniqueOrThrow({ where: { id: view.id } })).status).toBe("pending");
    expect(JSON.stringify(result)).not.toContain("c2VjcmV0");
  });
});
