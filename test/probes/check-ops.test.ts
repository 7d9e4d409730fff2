// Day-to-day check operations through the real route handlers and a real database: pausing (no
// probes scheduled anywhere, no incident, grey "paused"), maintenance windows (results recorded,
// incidents and notifications suppressed inside, opened after), tags and groups (validated,
// filtered), and acknowledging incidents from the desktop (who and when; a viewer gets 403).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, setupAdmin, type Auth } from "../helpers/api";
import { createRoleUser, freshSession } from "../auth/role-fixtures";
import * as checks from "@/app/api/v1/checks/route";
import * as checkItem from "@/app/api/v1/checks/[id]/route";
import * as pause from "@/app/api/v1/checks/[id]/pause/route";
import * as matrix from "@/app/api/v1/checks/matrix/route";
import * as incidents from "@/app/api/v1/checks/incidents/route";
import * as ack from "@/app/api/v1/checks/incidents/[id]/acknowledge/route";
import * as maintenance from "@/app/api/v1/maintenance/route";
import * as maintenanceItem from "@/app/api/v1/maintenance/[id]/route";
import { ensureControlPlaneVantage, ingestResults, loadChecksForVantage, upsertVantage, CONTROL_PLANE_VANTAGE, type CheckView, type IncidentView, type MaintenanceView, type VantageResult } from "@/lib/probes";

let t: TestDb;
let admin: Auth;
let operator: Auth;
let viewer: Auth;

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  operator = await freshSession(t.db, await createRoleUser(t.db, "olive-operator", "operator"));
  viewer = await freshSession(t.db, await createRoleUser(t.db, "vic-viewer", "viewer"));
  await ensureControlPlaneVantage(t.db);
  await upsertVantage(t.db, { id: "vps-agent", name: "VPS agent", kind: "remote" });
});
afterAll(async () => {
  await t.cleanup();
});

const result = (checkId: string, at: Date, ok: boolean): VantageResult => ({
  checkId, at: at.toISOString(), ok, errorClass: ok ? null : "refused", message: ok ? null : "connection refused", latencyMs: ok ? 3 : null,
  timing: { dnsMs: null, connectMs: ok ? 1 : null, tlsMs: null, firstByteMs: null }, statusCode: null, tls: null, answers: null, fingerprint: null,
});

async function newCheck(name: string, extra: Record<string, unknown> = {}): Promise<CheckView> {
  const r = await call(checks.POST, "/api/v1/checks", { body: { name, type: "tcp", target: { host: "127.0.0.1", port: 9 }, retries: 0, ...extra }, auth: admin });
  expect(r.status, r.text).toBe(201);
  return r.body as CheckView;
}

async function openIncidents(checkId: string): Promise<IncidentView[]> {
  const r = await call(incidents.GET, `/api/v1/checks/incidents?checkId=${checkId}&open=1`, { auth: viewer });
  return (r.body as { items: IncidentView[] }).items;
}

describe("pausing a check", () => {
  it("keeps who and when, takes it off every schedule, ends its incident and drops late results: no new incident", async () => {
    const c = await newCheck("paused.home.example");
    const t0 = new Date();
    await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(c.id, t0, false)], t.db, t0);
    expect(await openIncidents(c.id)).toHaveLength(1);

    const r = await call(pause.POST, `/api/v1/checks/${c.id}/pause`, { body: { paused: true }, auth: operator }, { id: c.id });
    expect(r.status, r.text).toBe(200);
    const paused = r.body as CheckView;
    expect(paused.pausedBy).toBe("olive-operator");
    expect(paused.pausedAt).not.toBeNull();
    expect(paused.status).toBe("unknown");
    expect(await openIncidents(c.id)).toHaveLength(0);
    // The matrix shows no vantage point still claiming the last verdict (it was "down").
    const m = await call(matrix.GET, `/api/v1/checks/matrix`, { auth: viewer });
    expect(m.status, m.text).toBe(200);
    const row = (m.body as { rows: { check: { id: string }; cells: ({ status: string } | null)[] }[] }).rows.find((x) => x.check.id === c.id);
    const shown = row?.cells.filter((x) => x !== null).map((x) => x.status) ?? [];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((x) => x === "unknown"), shown.join()).toBe(true);

    // Not scheduled on the control plane nor on any agent's vantage point.
    expect((await loadChecksForVantage(t.db, CONTROL_PLANE_VANTAGE)).map((s) => s.id)).not.toContain(c.id);
    expect((await loadChecksForVantage(t.db, { id: "vps-agent", kind: "remote" })).map((s) => s.id)).not.toContain(c.id);

    // A probe already in flight reports a failure: dropped, nothing opens.
    const t1 = new Date(t0.getTime() + 60_000);
    const s = await ingestResults("vps-agent", [result(c.id, t1, false)], t.db, t1);
    expect(s).toMatchObject({ stored: 0, ignored: 1, incidentsOpened: 0 });
    expect(await openIncidents(c.id)).toHaveLength(0);

    const audit = await t.db.auditEvent.findMany({ where: { targetId: c.id, action: "check.pause" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorName).toBe("olive-operator");

    const resumed = await call(pause.POST, `/api/v1/checks/${c.id}/pause`, { body: { paused: false }, auth: admin }, { id: c.id });
    expect((resumed.body as CheckView).pausedAt).toBeNull();
    expect((await loadChecksForVantage(t.db, CONTROL_PLANE_VANTAGE)).map((s) => s.id)).toContain(c.id);
  });

  it("a viewer cannot pause (403) and the check keeps running", async () => {
    const c = await newCheck("viewer-cannot-pause.example");
    const r = await call(pause.POST, `/api/v1/checks/${c.id}/pause`, { body: { paused: true }, auth: viewer }, { id: c.id });
    expect(r.status).toBe(403);
    const after = await call(checkItem.GET, `/api/v1/checks/${c.id}`, { auth: viewer }, { id: c.id });
    expect((after.body as CheckView).pausedAt).toBeNull();
  });
});

describe("maintenance windows", () => {
  it("inside a window a failing check records results and opens no incident, notifying nobody; after it, an incident opens", async () => {
    const hook = await t.db.notificationChannel.create({ data: { name: "maint-hook", kind: "webhook", config: JSON.stringify({ url: "http://127.0.0.1:9/hook" }) } });
    const c = await newCheck("nas.home.example", { groupName: "storage", channels: [hook.id] });
    const now = new Date();
    const w = await call(maintenance.POST, "/api/v1/maintenance", {
      body: { name: "Disk swap", startsAt: new Date(now.getTime() - 60_000).toISOString(), endsAt: new Date(now.getTime() + 3600_000).toISOString(), groups: ["storage"] },
      auth: operator,
    });
    expect(w.status, w.text).toBe(201);
    const win = w.body as MaintenanceView;
    expect(win).toMatchObject({ state: "active", createdBy: "olive-operator", groups: ["storage"], all: false });

    const s = await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(c.id, now, false)], t.db, now);
    expect(s).toMatchObject({ stored: 1, incidentsOpened: 0 });
    expect(await t.db.probeResult.count({ where: { checkId: c.id } })).toBe(1);
    expect(await openIncidents(c.id)).toHaveLength(0);
    expect(await t.db.delivery.count({ where: { channelId: hook.id } })).toBe(0);

    // The window ends (deleted here); the check is still down: the next result opens the incident.
    const del = await call(maintenanceItem.DELETE, `/api/v1/maintenance/${win.id}`, { method: "DELETE", auth: operator }, { id: win.id });
    expect(del.status).toBe(204);
    const later = new Date(now.getTime() + 60_000);
    const s2 = await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(c.id, later, false)], t.db, later);
    expect(s2.incidentsOpened).toBe(1);
    expect(await openIncidents(c.id)).toHaveLength(1);
    expect(await t.db.delivery.count({ where: { channelId: hook.id } })).toBe(1);
  });

  it("a window for other checks does not silence this one; an 'all checks' window does", async () => {
    const quiet = await newCheck("quiet.example");
    const loud = await newCheck("loud.example");
    const other = await newCheck("other.example");
    const now = new Date();
    const body = (extra: object) => ({ name: "w", startsAt: new Date(now.getTime() - 1000).toISOString(), endsAt: new Date(now.getTime() + 60_000).toISOString(), ...extra });
    const one = await call(maintenance.POST, "/api/v1/maintenance", { body: body({ checkIds: [quiet.id] }), auth: admin });
    expect(one.status, one.text).toBe(201);
    const s = await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(quiet.id, now, false), result(loud.id, now, false)], t.db, now);
    expect(s.incidentsOpened).toBe(1);
    expect(await openIncidents(loud.id)).toHaveLength(1);
    expect(await openIncidents(quiet.id)).toHaveLength(0);

    const all = await call(maintenance.POST, "/api/v1/maintenance", { body: body({ all: true }), auth: admin });
    expect((all.body as MaintenanceView).all).toBe(true);
    const s2 = await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(other.id, now, false)], t.db, now);
    expect(s2.incidentsOpened).toBe(0);
    for (const id of [(one.body as MaintenanceView).id, (all.body as MaintenanceView).id]) await call(maintenanceItem.DELETE, `/api/v1/maintenance/${id}`, { method: "DELETE", auth: admin }, { id });
  });

  const refused: { desc: string; body: object; path: string }[] = [
    { desc: "an end before the start", body: { startsAt: "2030-01-02T00:00:00Z", endsAt: "2030-01-01T00:00:00Z", all: true }, path: "endsAt" },
    { desc: "a window longer than 31 days", body: { startsAt: "2030-01-01T00:00:00Z", endsAt: "2030-03-01T00:00:00Z", all: true }, path: "endsAt" },
    { desc: "no checks chosen", body: { startsAt: "2030-01-01T00:00:00Z", endsAt: "2030-01-01T02:00:00Z" }, path: "checkIds" },
    { desc: "an unknown check", body: { startsAt: "2030-01-01T00:00:00Z", endsAt: "2030-01-01T02:00:00Z", checkIds: ["nosuchcheck1"] }, path: "checkIds" },
  ];
  for (const c of refused) {
    it(`refuses ${c.desc} (422 naming ${c.path})`, async () => {
      const r = await call(maintenance.POST, "/api/v1/maintenance", { body: { name: "bad", ...c.body }, auth: admin });
      expect(r.status, r.text).toBe(422);
      expect(errorOf(r).issues?.map((i) => i.path)).toContain(c.path);
    });
  }

  it("a viewer may list windows but not plan one", async () => {
    expect((await call(maintenance.GET, "/api/v1/maintenance", { auth: viewer })).status).toBe(200);
    const r = await call(maintenance.POST, "/api/v1/maintenance", { body: { name: "x", startsAt: "2030-01-01T00:00:00Z", endsAt: "2030-01-01T01:00:00Z", all: true }, auth: viewer });
    expect(r.status).toBe(403);
  });
});

describe("tags and groups", () => {
  it("are saved, changed and filtered on; the group 'none' lists ungrouped checks", async () => {
    const a = await newCheck("media-a.example", { tags: ["media", "critical"], groupName: "public" });
    const b = await newCheck("media-b.example", { tags: ["media"], groupName: "internal" });
    expect(a).toMatchObject({ tags: ["media", "critical"], groupName: "public" });
    const byTag = await call(checks.GET, "/api/v1/checks?tag=critical&limit=200", { auth: viewer });
    expect((byTag.body as { items: CheckView[] }).items.map((c) => c.id)).toEqual([a.id]);
    const byGroup = await call(checks.GET, "/api/v1/checks?group=internal&limit=200", { auth: viewer });
    expect((byGroup.body as { items: CheckView[] }).items.map((c) => c.id)).toEqual([b.id]);
    const none = await call(checks.GET, "/api/v1/checks?group=&limit=200", { auth: viewer });
    expect((none.body as { items: CheckView[] }).items.map((c) => c.id)).not.toContain(a.id);

    const p = await call(checkItem.PATCH, `/api/v1/checks/${b.id}`, { method: "PATCH", body: { tags: [], groupName: null }, auth: operator }, { id: b.id });
    expect(p.body).toMatchObject({ tags: [], groupName: null });
  });

  const bad: { desc: string; body: object; path: string }[] = [
    { desc: "a tag of 33 characters", body: { tags: ["x".repeat(33)] }, path: "tags.0" },
    { desc: "13 tags", body: { tags: Array.from({ length: 13 }, (_, i) => `t${i}`) }, path: "tags" },
    { desc: "a duplicate tag", body: { tags: ["Media", "media"] }, path: "tags" },
    { desc: "markup in a tag", body: { tags: ["<script>"] }, path: "tags.0" },
    { desc: "an empty group", body: { groupName: "  " }, path: "groupName" },
  ];
  for (const c of bad) {
    it(`refuses ${c.desc} (422)`, async () => {
      const r = await call(checks.POST, "/api/v1/checks", { body: { name: "bad-labels", type: "tcp", target: { host: "127.0.0.1", port: 9 }, ...c.body }, auth: admin });
      expect(r.status, r.text).toBe(422);
      expect(errorOf(r).issues?.map((i) => i.path)).toContain(c.path);
    });
  }
});

describe("acknowledging from the desktop", () => {
  it("records who and when on the incident the lists show; a viewer gets 403", async () => {
    const c = await newCheck("ack.example");
    const now = new Date();
    await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(c.id, now, false)], t.db, now);
    const [inc] = await openIncidents(c.id);
    expect(inc!.acknowledgedAt).toBeNull();

    const denied = await call(ack.POST, `/api/v1/checks/incidents/${inc!.id}/acknowledge`, { body: {}, auth: viewer }, { id: inc!.id });
    expect(denied.status).toBe(403);

    const r = await call(ack.POST, `/api/v1/checks/incidents/${inc!.id}/acknowledge`, { body: {}, auth: operator }, { id: inc!.id });
    expect(r.status, r.text).toBe(200);
    const [after] = await openIncidents(c.id);
    expect(after!.acknowledgedBy).toBe("olive-operator");
    expect(Date.parse(after!.acknowledgedAt!)).toBeGreaterThanOrEqual(now.getTime() - 1000);
  });
});
