// A route's plan while Caddy is unreachable: the proxy entry is not "Create" (nothing would be
// created now) but waiting, with the reason and when it will happen; with Caddy never checked or
// fine, an unsaved route's proxy entry is still a create.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as planPOST } from "@/app/api/v1/routes/plan/route";
import { POST as routesPOST } from "@/app/api/v1/routes/route";
import { GET as planGET } from "@/app/api/v1/routes/[id]/plan/route";
import type { RoutePlanView } from "@/lib/routes/schemas";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, setupAdmin } from "../helpers/api";

let t: TestDb;
let session: { cookie: string; csrf: string };
const body = { hostname: "app.home.example", upstreamUrl: "http://127.0.0.1:9", exposure: "lan" };
const proxyOf = (p: RoutePlanView) => p.parts.find((x) => x.part === "proxy")!;

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
});
afterAll(async () => { await t.cleanup(); });

describe("route plan with Caddy down", () => {
  it("previews a create while Caddy has never been checked", async () => {
    const r = await call(planPOST, "/api/v1/routes/plan", { auth: session, body });
    expect(r.status, r.text).toBe(200);
    expect(proxyOf(r.body as RoutePlanView)).toMatchObject({ action: "create", reason: null });
  });

  it("previews a waiting entry, with the reason, once Caddy is known to be unreachable", async () => {
    await t.db.ingressSettings.upsert({ where: { id: "default" }, create: { status: "unreachable", statusDetail: "connect ECONNREFUSED 127.0.0.1:9" }, update: { status: "unreachable", statusDetail: "connect ECONNREFUSED 127.0.0.1:9" } });
    const r = await call(planPOST, "/api/v1/routes/plan", { auth: session, body });
    const proxy = proxyOf(r.body as RoutePlanView);
    expect(proxy.action).not.toBe("create");
    expect(proxy.reason).toBe("Caddy is not reachable (connect ECONNREFUSED 127.0.0.1:9): the entry will be created when Caddy answers. Check the connection under Ingress.");
  });

  it("plans a saved route's entry as waiting when Caddy's admin API does not answer (a closed loopback port)", async () => {
    await t.db.ingressSettings.update({ where: { id: "default" }, data: { adminUrl: "http://127.0.0.1:1" } });
    const created = await call(routesPOST, "/api/v1/routes", { auth: session, body });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;
    const r = await call(planGET, `/api/v1/routes/${id}/plan`, { auth: session }, { id });
    expect(r.status, r.text).toBe(200);
    const proxy = proxyOf(r.body as RoutePlanView);
    expect(proxy.action).toBe("apply");
    expect(proxy.reason).toMatch(/^Caddy is not reachable .*the entry will be created when Caddy answers/);
  });
});
