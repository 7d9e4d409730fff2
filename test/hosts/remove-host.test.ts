// Removing a host: only a revoked one, only by an admin, never while a stack is placed on it; its services
// stay (unplaced, with their history), its observed containers and vantage point go, and it is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, setupAdmin, type Auth } from "../helpers/api";
import { createRoleUser, freshSession } from "../auth/role-fixtures";
import * as hostItem from "@/app/api/v1/hosts/[id]/route";
import * as revoke from "@/app/api/v1/hosts/[id]/revoke/route";

let t: TestDb;
let admin: Auth;
let operator: Auth;

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  operator = await freshSession(t.db, await createRoleUser(t.db, "olive-operator", "operator"));
});
afterAll(async () => t?.cleanup());

async function seedHost(name: string): Promise<{ hostId: string; serviceId: string }> {
  const host = await t.db.host.create({ data: { name, agentSecretHash: `hash-${name}`, enrolledAt: new Date() } });
  const service = await t.db.service.create({ data: { name: `${name}-web`, image: "busybox:1", hostId: host.id } });
  await t.db.deployment.create({ data: { serviceId: service.id, hostId: host.id, status: "succeeded" } });
  await t.db.containerState.create({ data: { hostId: host.id, containerId: `c-${name}`, name: `${name}-web`, image: "busybox:1", state: "running", status: "Up", managed: true, serviceId: service.id } });
  await t.db.vantagePoint.create({ data: { id: host.id, name, kind: "lan" } });
  return { hostId: host.id, serviceId: service.id };
}

describe("removing a host", () => {
  it("is refused while the host is not revoked (409), and for an operator (403)", async () => {
    const { hostId } = await seedHost("live-host");
    const live = await call(hostItem.DELETE, `/api/v1/hosts/${hostId}`, { method: "DELETE", auth: admin }, { id: hostId });
    expect(live.status, live.text).toBe(409);
    expect(errorOf(live).message).toMatch(/Revoke live-host first/);
    await call(revoke.POST, `/api/v1/hosts/${hostId}/revoke`, { body: {}, auth: admin }, { id: hostId });
    const asOperator = await call(hostItem.DELETE, `/api/v1/hosts/${hostId}`, { method: "DELETE", auth: operator }, { id: hostId });
    expect(asOperator.status).toBe(403);
    expect(await t.db.host.count({ where: { id: hostId } })).toBe(1);
  });

  it("forgets a revoked host: services kept unplaced with their history, containers and vantage point gone, audited", async () => {
    const { hostId, serviceId } = await seedHost("old-nas");
    expect((await call(revoke.POST, `/api/v1/hosts/${hostId}/revoke`, { body: {}, auth: admin }, { id: hostId })).status).toBe(200);
    const r = await call(hostItem.DELETE, `/api/v1/hosts/${hostId}`, { method: "DELETE", auth: admin }, { id: hostId });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ id: hostId, name: "old-nas", unplacedServices: 1 });
    expect(await t.db.host.count({ where: { id: hostId } })).toBe(0);
    expect(await t.db.containerState.count({ where: { hostId } })).toBe(0);
    expect(await t.db.vantagePoint.count({ where: { id: hostId } })).toBe(0);
    const service = await t.db.service.findUniqueOrThrow({ where: { id: serviceId }, include: { deployments: true } });
    expect(service.hostId).toBeNull();
    expect(service.deployments).toHaveLength(1);
    const audit = await t.db.auditEvent.findFirst({ where: { action: "host.remove", targetId: hostId } });
    expect(audit?.actorName).toBe("admin");
    const again = await call(hostItem.DELETE, `/api/v1/hosts/${hostId}`, { method: "DELETE", auth: admin }, { id: hostId });
    expect(again.status).toBe(404);
  });

  it("is refused while a stack is placed on the host", async () => {
    const { hostId } = await seedHost("stack-host");
    await t.db.stack.create({ data: { name: "media", hostId, compose: "services: {}\n" } });
    await call(revoke.POST, `/api/v1/hosts/${hostId}/revoke`, { body: {}, auth: admin }, { id: hostId });
    const r = await call(hostItem.DELETE, `/api/v1/hosts/${hostId}`, { method: "DELETE", auth: admin }, { id: hostId });
    expect(r.status, r.text).toBe(409);
    expect(errorOf(r).message).toMatch(/stack/);
    expect(await t.db.host.count({ where: { id: hostId } })).toBe(1);
  });
});
