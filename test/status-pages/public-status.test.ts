// Public status pages, signed out: the JSON and the rendered page show check names, states and
// uptime, and none of the internals (targets, hosts, ports, errors, vantage points, ids, tags);
// unknown and unpublished slugs are a plain 404; no session cookie is read or set; rate-limited;
// only admins manage pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, setupAdmin, type Auth } from "../helpers/api";
import { createRoleUser, freshSession } from "../auth/role-fixtures";
import * as checks from "@/app/api/v1/checks/route";
import * as pages from "@/app/api/v1/status-pages/route";
import * as pageItem from "@/app/api/v1/status-pages/[id]/route";
import * as publicPage from "@/app/api/v1/status-pages/public/[slug]/route";
import { ensureControlPlaneVantage, ingestResults, upsertVantage, CONTROL_PLANE_VANTAGE, type CheckView, type VantageResult } from "@/lib/probes";
import { getPublicStatus, PUBLIC_BURST, type PublicStatus, type StatusPageView } from "@/lib/status-pages";
import { PublicStatusView } from "@/components/status-page/public-status";

let t: TestDb;
let admin: Auth;
let operator: Auth;
const SECRETS = ["zz-secret-host.internal.example", "4242", "/zz-private-path", "zz-vantage-name", "zz-secret-tag", "zz-error-detail", "10.77.0.9"];
let web: CheckView;
let tcp: CheckView;

const result = (checkId: string, at: Date, ok: boolean): VantageResult => ({
  checkId, at: at.toISOString(), ok, errorClass: ok ? null : "refused", message: ok ? null : "zz-error-detail: connect ECONNREFUSED 10.77.0.9:4242", latencyMs: ok ? 4 : null,
  timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: null }, statusCode: ok ? 200 : null, tls: null, answers: null, fingerprint: ok ? "zz-route-fingerprint" : null,
});

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  operator = await freshSession(t.db, await createRoleUser(t.db, "opal-operator", "operator"));
  await ensureControlPlaneVantage(t.db);
  await upsertVantage(t.db, { id: "zz-vantage-id", name: "zz-vantage-name", kind: "remote" });
  const mk = async (body: object) => {
    const r = await call(checks.POST, "/api/v1/checks", { body, auth: admin });
    expect(r.status, r.text).toBe(201);
    return r.body as CheckView;
  };
  web = await mk({ name: "Photos", type: "http", target: { url: "http://zz-secret-host.internal.example:4242/zz-private-path" }, groupName: "public", tags: ["zz-secret-tag"] });
  tcp = await mk({ name: "Game server", type: "tcp", target: { host: "10.77.0.9", port: 4242 }, groupName: "public", retries: 0 });
  await mk({ name: "Hidden admin panel", type: "tcp", target: { host: "127.0.0.1", port: 9 }, groupName: "internal" });
  const now = new Date();
  await ingestResults("zz-vantage-id", [result(web.id, new Date(now.getTime() - 2 * 3600_000), true), result(web.id, now, true)], t.db, now);
  await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(tcp.id, now, false)], t.db, now);
});
afterAll(async () => {
  await t.cleanup();
});

async function createPage(body: object): Promise<StatusPageView> {
  const r = await call(pages.POST, "/api/v1/status-pages", { body, auth: admin });
  expect(r.status, r.text).toBe(201);
  return r.body as StatusPageView;
}

describe("a published status page", () => {
  it("shows the group's checks with state, uptime, history and open incidents, and leaks nothing internal (JSON and HTML)", async () => {
    await createPage({ slug: "home", title: "Home services", description: "For the family", groups: ["public"] });
    const r = await call(publicPage.GET, "/api/v1/status-pages/public/home", { auth: null }, { slug: "home" });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get("set-cookie")).toBeNull();
    expect(r.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const view = r.body as PublicStatus;
    expect(view.overall).toBe("degraded");
    const names = view.groups.flatMap((g) => g.checks.map((c) => c.name));
    expect(names.sort()).toEqual(["Game server", "Photos"]);
    const photos = view.groups[0]!.checks.find((c) => c.name === "Photos")!;
    expect(photos.state).toBe("up");
    expect(photos.uptime24h).toBe(100);
    expect(photos.history.filter((s) => s === "up")).toHaveLength(2);
    const game = view.groups[0]!.checks.find((c) => c.name === "Game server")!;
    expect(game.state).toBe("down");
    expect(game.incidentsSince).toHaveLength(1);

    const html = renderToStaticMarkup(createElement(PublicStatusView, { status: view }));
    expect(html).toContain("Photos");
    expect(html).toContain("Some systems are having problems");
    const everything = `${r.text}\n${html}`;
    for (const s of [...SECRETS, web.id, tcp.id, "zz-vantage-id", "zz-route-fingerprint", "refused", "Hidden admin panel", "internal"]) {
      expect(everything, `leaks ${s}`).not.toContain(s);
    }
  });

  it("unknown, unpublished and malformed slugs are the same plain 404", async () => {
    const hidden = await createPage({ slug: "draft", title: "Draft", groups: ["public"], published: false });
    for (const slug of ["nope", "draft", "..%2Fetc", "UPPER"]) {
      const r = await call(publicPage.GET, `/api/v1/status-pages/public/${slug}`, { auth: null }, { slug });
      expect(r.status, slug).toBe(404);
      expect(r.text).not.toContain("Photos");
    }
    expect(hidden.published).toBe(false);
  });

  it("a changed page is served fresh at once, and deleting it makes its address 404", async () => {
    const p = await createPage({ slug: "fresh", title: "Before", groups: ["public"] });
    expect(((await call(publicPage.GET, "/api/v1/status-pages/public/fresh", { auth: null }, { slug: "fresh" })).body as PublicStatus).title).toBe("Before");
    const upd = await call(pageItem.PATCH, `/api/v1/status-pages/${p.id}`, { method: "PATCH", body: { slug: "fresh", title: "After", groups: ["public"] }, auth: admin }, { id: p.id });
    expect(upd.status, upd.text).toBe(200);
    expect(((await call(publicPage.GET, "/api/v1/status-pages/public/fresh", { auth: null }, { slug: "fresh" })).body as PublicStatus).title).toBe("After");
    await call(pageItem.DELETE, `/api/v1/status-pages/${p.id}`, { method: "DELETE", auth: admin }, { id: p.id });
    expect((await call(publicPage.GET, "/api/v1/status-pages/public/fresh", { auth: null }, { slug: "fresh" })).status).toBe(404);
  });

  it("is rate-limited per address (429 with Retry-After), other addresses unaffected", async () => {
    const ip = "203.0.113.77";
    let last = 0;
    for (let i = 0; i <= PUBLIC_BURST; i++) last = (await call(publicPage.GET, "/api/v1/status-pages/public/home", { auth: null, ip }, { slug: "home" })).status;
    expect(last).toBe(429);
    const r = await call(publicPage.GET, "/api/v1/status-pages/public/home", { auth: null, ip }, { slug: "home" });
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(publicPage.GET, "/api/v1/status-pages/public/home", { auth: null, ip: "203.0.113.78" }, { slug: "home" })).status).toBe(200);
  });

  it("the view shows paused checks as paused", async () => {
    await t.db.check.update({ where: { id: web.id }, data: { pausedAt: new Date(), pausedBy: "admin" } });
    const view = await getPublicStatus(t.db, "home", async () => new Set(), new Date(Date.now() + 60_000));
    expect(view!.groups[0]!.checks.find((c) => c.name === "Photos")!.state).toBe("paused");
    await t.db.check.update({ where: { id: web.id }, data: { pausedAt: null, pausedBy: null } });
  });
});

describe("managing status pages", () => {
  it("needs the admin scope: an operator gets 403; bad slugs, empty groups and taken addresses are refused", async () => {
    expect((await call(pages.POST, "/api/v1/status-pages", { body: { slug: "ops", title: "x", groups: ["public"] }, auth: operator })).status).toBe(403);
    expect((await call(pages.POST, "/api/v1/status-pages", { body: { slug: "Bad Slug!", title: "x", groups: ["public"] }, auth: admin })).status).toBe(422);
    expect((await call(pages.POST, "/api/v1/status-pages", { body: { slug: "empty", title: "x", groups: [] }, auth: admin })).status).toBe(422);
    expect((await call(pages.POST, "/api/v1/status-pages", { body: { slug: "home", title: "again", groups: ["public"] }, auth: admin })).status).toBe(409);
  });
});
