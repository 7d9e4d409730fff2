// A hand-edited database through the real route handlers: a row whose JSON or enum column does not
// parse is answered as a plain 500 (nothing of the row, no stack) and logged with the table, the
// row's id and the column; other rows and other endpoints keep working.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as servicesGET } from "@/app/api/v1/services/route";
import { GET as serviceGET } from "@/app/api/v1/services/[id]/route";
import { GET as hostsGET } from "@/app/api/v1/hosts/route";
import { GET as hostGET } from "@/app/api/v1/hosts/[id]/route";
import { GET as auditGET } from "@/app/api/v1/audit/route";
import { GET as ingressSettingsGET } from "@/app/api/v1/ingress/settings/route";
import { log } from "@/lib/log";
import { createTestDb, type TestDb } from "./helpers/test-db";
import { call, errorOf, setupAdmin, type Auth, type CallResult } from "./helpers/api";

let t: TestDb;
let auth: Auth;

beforeAll(async () => {
  t = await createTestDb();
  auth = await setupAdmin(t.db);
});
afterAll(async () => { await t.cleanup(); });
afterEach(() => vi.restoreAllMocks());

/** Calls, expecting the plain 500 and one error log line naming the damaged row and column. */
async function damaged(run: () => Promise<CallResult>, expected: string, secret: string): Promise<void> {
  const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
  const r = await run();
  expect(r.status, r.text).toBe(500);
  expect(errorOf(r)).toEqual({ code: "internal", message: "Internal error; see the server log" });
  expect(r.text).not.toContain(secret);
  const lines = logged.mock.calls.map((c) => String((c[2] as { error?: unknown } | undefined)?.error));
  expect(lines).toContain(expected);
}

describe("rows that do not parse", () => {
  it("a service with damaged ports JSON: 500 naming the service and column in the log; the other service still reads", async () => {
    const good = await t.db.service.create({ data: { name: "good", image: "nginx:1.27" } });
    const bad = await t.db.service.create({ data: { name: "bad", image: "nginx:1.27", ports: '[{"container":80,"note":"hand-edited-secret"' } });
    const expected = `Service ${bad.id}: column "ports" does not parse: not JSON`;
    await damaged(() => call(servicesGET, "/api/v1/services", { auth }), expected, "hand-edited-secret");
    await damaged(() => call(serviceGET, `/api/v1/services/${bad.id}`, { auth }, { id: bad.id }), expected, "hand-edited-secret");
    const ok = await call(serviceGET, `/api/v1/services/${good.id}`, { auth }, { id: good.id });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ name: "good", ports: [], restartPolicy: "unless-stopped" });
    await t.db.service.delete({ where: { id: bad.id } });
    expect((await call(servicesGET, "/api/v1/services", { auth })).status).toBe(200);
  });

  it("a service whose restart policy is not one Homeport knows is refused, not shown as a string", async () => {
    const bad = await t.db.service.create({ data: { name: "odd", image: "nginx:1.27", restartPolicy: "sometimes-secret" } });
    await damaged(() => call(serviceGET, `/api/v1/services/${bad.id}`, { auth }, { id: bad.id }), `Service ${bad.id}: column "restartPolicy" does not parse: Invalid option: expected one of "no"|"always"|"unless-stopped"|"on-failure"`, "sometimes-secret");
    await t.db.service.delete({ where: { id: bad.id } });
  });

  it("a host with an unknown role or damaged bind roots: 500 naming the host and column", async () => {
    const host = await t.db.host.create({ data: { name: "nas", role: "kubernetes" } });
    await damaged(() => call(hostGET, `/api/v1/hosts/${host.id}`, { auth }, { id: host.id }), `Host ${host.id}: column "role" does not parse: Invalid option: expected one of "docker"|"swarm-manager"`, "kubernetes");
    await t.db.host.update({ where: { id: host.id }, data: { role: "docker", bindRoots: '"/srv"' } });
    await damaged(() => call(hostsGET, "/api/v1/hosts", { auth }), `Host ${host.id}: column "bindRoots" does not parse: Invalid input: expected array, received string`, "/srv");
    await t.db.host.update({ where: { id: host.id }, data: { bindRoots: '["/srv"]' } });
    const ok = await call(hostGET, `/api/v1/hosts/${host.id}`, { auth }, { id: host.id });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ role: "docker", bindRoots: ["/srv"] });
  });

  it("an audit event with damaged details: the audit list answers 500 naming the event", async () => {
    const ev = await t.db.auditEvent.create({ data: { actorType: "system", action: "test.damaged", details: "{secret-details" } });
    await damaged(() => call(auditGET, "/api/v1/audit", { auth }), `AuditEvent ${ev.id}: column "details" does not parse: not JSON`, "secret-details");
    await t.db.auditEvent.delete({ where: { id: ev.id } });
    expect((await call(auditGET, "/api/v1/audit", { auth })).status).toBe(200);
  });

  it("ingress settings with damaged listen addresses: 500 naming the settings row", async () => {
    expect((await call(ingressSettingsGET, "/api/v1/ingress/settings", { auth })).status).toBe(200);
    await t.db.ingressSettings.update({ where: { id: "default" }, data: { listen: ":443" } });
    await damaged(() => call(ingressSettingsGET, "/api/v1/ingress/settings", { auth }), `IngressSettings default: column "listen" does not parse: not JSON`, ":443\"");
    await t.db.ingressSettings.update({ where: { id: "default" }, data: { listen: '[":443"]' } });
    const ok = await call(ingressSettingsGET, "/api/v1/ingress/settings", { auth });
    expect(ok.body).toMatchObject({ listen: [":443"] });
  });
});
