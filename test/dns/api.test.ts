// The DNS API through the real route handlers: providers with secrets that never come back,
// zones, the split-horizon plan from Routes, apply with per-record outcomes, drift, validation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import { call, errorOf, setupAdmin } from "@/test/helpers/api";
import * as providers from "@/app/api/v1/dns/providers/route";
import * as provider from "@/app/api/v1/dns/providers/[id]/route";
import * as providerTest from "@/app/api/v1/dns/providers/[id]/test/route";
import * as zones from "@/app/api/v1/dns/zones/route";
import * as zone from "@/app/api/v1/dns/zones/[id]/route";
import * as plan from "@/app/api/v1/dns/plan/route";
import * as apply from "@/app/api/v1/dns/apply/route";
import * as drift from "@/app/api/v1/dns/drift/route";
import type { ApplyResultView, DriftView, ProviderView, ZonePlanView, ZoneView } from "@/lib/dns";
import { startTechnitiumFake, type TechnitiumFake } from "./fakes/technitium";
import { startCloudflareFake, type CloudflareFake } from "./fakes/cloudflare";

const TOKEN = "technitium-token-secret";
const CF_TOKEN = "cloudflare-token-secret";
let tdb: TestDb;
let auth: { cookie: string; csrf: string };
let tech: TechnitiumFake;
let cf: CloudflareFake;
let lan: ProviderView;
let pub: ProviderView;
let lanZone: ZoneView;

describe("DNS API", () => {
  beforeAll(async () => {
    tdb = await createTestDb();
    auth = await setupAdmin(tdb.db);
    tech = await startTechnitiumFake({ token: TOKEN, zone: "home.test", records: [{ name: "nas.home.test", type: "A", ttl: 3600, rData: { ipAddress: "10.0.0.2" } }] });
    cf = await startCloudflareFake({ token: CF_TOKEN, zone: "home.test" });
    await tdb.db.route.create({ data: { hostname: "app.home.test", upstreamUrl: "http://192.0.2.5:8080", exposure: "both" } });
    await tdb.db.route.create({ data: { hostname: "nas.home.test", upstreamUrl: "http://192.0.2.6:8080", exposure: "lan" } });
  }, 120_000);

  afterAll(async () => {
    await tech?.close();
    await cf?.close();
    await tdb?.cleanup();
  });

  it("refuses anonymous requests", async () => {
    expect(errorOf(await call(providers.GET, "/api/v1/dns/providers")).code).toBe("unauthorized");
  });

  it("creates providers; secrets are stored sealed and never returned", async () => {
    const r = await call(providers.POST, "/api/v1/dns/providers", { auth, body: { name: "technitium", kind: "technitium", settings: { url: tech.url, token: TOKEN } } });
    expect(r.status, r.text).toBe(201);
    lan = r.body as ProviderView;
    expect(lan).toMatchObject({ kind: "technitium", settings: { url: tech.url }, secretsSet: ["token"] });
    const r2 = await call(providers.POST, "/api/v1/dns/providers", { auth, body: { name: "cloudflare", kind: "cloudflare", settings: { apiToken: CF_TOKEN, baseUrl: cf.url } } });
    pub = r2.body as ProviderView;
    const list = await call(providers.GET, "/api/v1/dns/providers", { auth });
    const one = await call(provider.GET, `/api/v1/dns/providers/${lan.id}`, { auth }, { id: lan.id });
    for (const t of [r.text, r2.text, list.text, one.text]) {
      expect(t).not.toContain(TOKEN);
      expect(t).not.toContain(CF_TOKEN);
    }
    const row = await tdb.db.dnsProvider.findUniqueOrThrow({ where: { id: lan.id } });
    expect(row.settings + (row.secret ?? "")).not.toContain(TOKEN);
  });

  it("validates provider settings per kind", async () => {
    const r = await call(providers.POST, "/api/v1/dns/providers", { auth, body: { name: "bad", kind: "rfc2136", settings: { server: "127.0.0.1", keyName: "k", secret: "not base64!" } } });
    expect(r.status).toBe(422);
    expect(errorOf(r).message).toMatch(/settings\.secret/);
  });

  it("updates a provider without resending its secret, and tests the connection", async () => {
    const r = await call(provider.PATCH, `/api/v1/dns/providers/${lan.id}`, { method: "PATCH", auth, body: { settings: { url: tech.url, token: "" } } }, { id: lan.id });
    expect(r.status, r.text).toBe(200);
    const t = await call(providerTest.POST, `/api/v1/dns/providers/${lan.id}/test`, { auth, body: {} }, { id: lan.id });
    expect(t.body).toMatchObject({ ok: true });
  });

  it("creates zones and validates their targets", async () => {
    const bad = await call(zones.POST, "/api/v1/dns/zones", { auth, body: { name: "home.test", role: "lan", providerId: lan.id, target: ["proxy.home.test"] } });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).message).toMatch(/not an IP address/);
    const badTtl = await call(zones.POST, "/api/v1/dns/zones", { auth, body: { name: "home.test", role: "lan", providerId: lan.id, target: ["192.168.1.10"], ttl: 5 } });
    expect(badTtl.status).toBe(422);
    const r = await call(zones.POST, "/api/v1/dns/zones", { auth, body: { name: "Home.Test", role: "lan", providerId: lan.id, target: ["192.168.1.10"] } });
    expect(r.status, r.text).toBe(201);
    lanZone = r.body as ZoneView;
    expect(lanZone.name).toBe("home.test");
    const p = await call(zones.POST, "/api/v1/dns/zones", { auth, body: { name: "home.test", role: "public", providerId: pub.id, target: ["abc.cfargotunnel.com"] } });
    expect(p.status, p.text).toBe(201);
  });

  it("plans split-horizon records per zone, with the foreign clash reported", async () => {
    const r = await call(plan.GET, "/api/v1/dns/plan", { auth });
    expect(r.status, r.text).toBe(200);
    const byRole = Object.fromEntries((r.body as { zones: ZonePlanView[] }).zones.map((z) => [z.zone.role, z]));
    expect(byRole.lan!.changes.map((c) => `${c.action} ${c.name} ${c.type} ${c.after?.values.join(",")}`)).toEqual(["create app.home.test A 192.168.1.10"]);
    expect(byRole.lan!.conflicts.map((c) => c.name)).toEqual(["nas.home.test"]);
    expect(byRole.lan!.foreign.map((f) => f.name)).toEqual(["nas.home.test"]);
    expect(byRole.public!.changes.map((c) => `${c.action} ${c.name} ${c.type} ${c.after?.values.join(",")}`)).toEqual(["create app.home.test CNAME abc.cfargotunnel.com"]);
  });

  it("applies with per-record outcomes; a second apply has nothing to do", async () => {
    const r = await call(apply.POST, "/api/v1/dns/apply", { auth, body: {} });
    expect(r.status, r.text).toBe(200);
    const results = (r.body as { zones: ApplyResultView[] }).zones;
    expect(results.map((z) => [z.ok, z.outcomes.map((o) => `${o.name} ${o.type} ${o.ok}`)])).toEqual([[true, ["app.home.test A true"]], [true, ["app.home.test CNAME true"]]]);
    expect(tech.records.find((x) => x.name === "app.home.test")).toMatchObject({ rData: { ipAddress: "192.168.1.10" }, comments: "heritage=homeport" });
    expect(tech.records.find((x) => x.name === "nas.home.test")).toMatchObject({ rData: { ipAddress: "10.0.0.2" } });
    expect(cf.records).toEqual([expect.objectContaining({ name: "app.home.test", type: "CNAME", content: "abc.cfargotunnel.com", proxied: false })]);
    const again = await call(apply.POST, "/api/v1/dns/apply", { auth, body: {} });
    expect((again.body as { zones: ApplyResultView[] }).zones.every((z) => z.ok && z.outcomes.length === 0)).toBe(true);
  });

  it("shows a hand edit as drift and re-applies one zone", async () => {
    tech.records.find((x) => x.name === "app.home.test")!.rData.ipAddress = "10.6.6.6";
    const d = await call(drift.GET, `/api/v1/dns/drift?zoneId=${lanZone.id}`, { auth });
    expect((d.body as { zones: DriftView[] }).zones[0]!.items).toEqual([expect.objectContaining({ name: "app.home.test", kind: "changed", actual: { values: ["10.6.6.6"], ttl: 300 } })]);
    const r = await call(apply.POST, "/api/v1/dns/apply", { auth, body: { zoneId: lanZone.id } });
    expect((r.body as { zones: ApplyResultView[] }).zones[0]!.outcomes).toEqual([{ action: "update", name: "app.home.test", type: "A", ok: true }]);
    expect(tech.records.find((x) => x.name === "app.home.test")!.rData.ipAddress).toBe("192.168.1.10");
  });

  it("a provider that refuses the token fails the apply cleanly and keeps a retry time", async () => {
    await tdb.db.route.create({ data: { hostname: "new.home.test", upstreamUrl: "http://192.0.2.7", exposure: "lan" } });
    await call(provider.PATCH, `/api/v1/dns/providers/${lan.id}`, { method: "PATCH", auth, body: { settings: { token: "revoked" } } }, { id: lan.id });
    const r = await call(apply.POST, "/api/v1/dns/apply", { auth, body: { zoneId: lanZone.id } });
    const z = (r.body as { zones: ApplyResultView[] }).zones[0]!;
    expect(z.ok).toBe(false);
    expect(z.error).toMatch(/refused the API token/);
    const view = await call(zone.GET, `/api/v1/dns/zones/${lanZone.id}`, { auth }, { id: lanZone.id });
    expect(view.body).toMatchObject({ lastApplyOk: false, failures: 1, retryAt: expect.any(String) });
    expect(tech.records.some((x) => x.name === "new.home.test")).toBe(false);
  });

  it("refuses to apply invalid desired records with 422 and applies nothing", async () => {
    await call(provider.PATCH, `/api/v1/dns/providers/${lan.id}`, { method: "PATCH", auth, body: { settings: { token: TOKEN } } }, { id: lan.id });
    const bad = await tdb.db.route.create({ data: { hostname: "bad_name.home.test", upstreamUrl: "http://192.0.2.8", exposure: "lan" } });
    const r = await call(apply.POST, "/api/v1/dns/apply", { auth, body: {} });
    expect(r.status).toBe(422);
    expect(errorOf(r).message).toMatch(/Nothing applied: bad_name\.home\.test/);
    expect(tech.records.some((x) => x.name === "new.home.test")).toBe(false);
    await tdb.db.route.delete({ where: { id: bad.id } });
  });
});
