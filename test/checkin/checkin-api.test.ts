// The check-in API through the real route handlers: the summary, recording a check-in and
// acknowledging incidents, with sessions, CSRF, read-only tokens and bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as checkinGET } from "@/app/api/v1/checkin/route";
import { POST as seenPOST } from "@/app/api/v1/checkin/seen/route";
import { POST as ackPOST } from "@/app/api/v1/checks/incidents/[id]/acknowledge/route";
import { GET as auditGET } from "@/app/api/v1/audit/route";
import { CheckInSummarySchema } from "@/lib/checkin";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, errorOf, issueToken, setupAdmin, type Auth } from "../helpers/api";

let t: TestDb;
let session: { cookie: string; csrf: string };
let readToken: Auth;
let openId: string;
let endedId: string;

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
  readToken = { bearer: (await issueToken(session, ["read"])).token };
  const check = await t.db.check.create({ data: { name: "nas web", type: "http", target: JSON.stringify({ url: "http://127.0.0.1:9/" }), status: "down" } });
  openId = (await t.db.incident.create({ data: { checkId: check.id, kind: "down", startedAt: new Date(Date.now() - 60_000), errorClass: "refused" } })).id;
  endedId = (await t.db.incident.create({ data: { checkId: check.id, kind: "down", startedAt: new Date(Date.now() - 3600_000), endedAt: new Date(Date.now() - 1800_000) } })).id;
});
afterAll(async () => { await t.cleanup(); });

const ack = (id: string, auth: Auth, body: unknown = {}) => call(ackPOST, `/api/v1/checks/incidents/${id}/acknowledge`, { body, auth }, { id });

describe("GET /api/v1/checkin", () => {
  it("needs a session or token", async () => {
    const r = await call(checkinGET, "/api/v1/checkin");
    expect(r.status).toBe(401);
    errorOf(r);
  });

  it("answers the summary with the open incident and no caching", async () => {
    const r = await call(checkinGET, "/api/v1/checkin", { auth: session });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const s = CheckInSummarySchema.parse(r.body);
    expect(s.verdict).toBe("trouble");
    expect(s.headline).toBe("1 thing needs attention");
    expect(s.incidents).toEqual([expect.objectContaining({ id: openId, checkName: "nas web", acknowledgedAt: null })]);
    expect(s.since.from).toBeNull();
  });

  it("counts changes from ?since= when given, and refuses a malformed one", async () => {
    const since = new Date(Date.now() + 1000).toISOString();
    const r = await call(checkinGET, `/api/v1/checkin?since=${encodeURIComponent(since)}`, { auth: readToken });
    expect(r.status).toBe(200);
    expect((r.body as { since: { from: string; changeCount: number } }).since).toMatchObject({ from: since, changeCount: 0 });
    const bad = await call(checkinGET, "/api/v1/checkin?since=yesterday", { auth: session });
    expect(bad.status).toBe(400);
    errorOf(bad);
  });
});

describe("POST /api/v1/checkin/seen", () => {
  it("refuses a session without CSRF token and a body without seenAt", async () => {
    expect((await call(seenPOST, "/api/v1/checkin/seen", { body: { seenAt: new Date().toISOString() }, auth: { cookie: session.cookie } })).status).toBe(403);
    const r = await call(seenPOST, "/api/v1/checkin/seen", { body: {}, auth: session });
    expect(r.status).toBe(422);
    expect(errorOf(r).issues?.[0]?.path).toBe("seenAt");
  });

  it("records the check-in; the next summary counts from it", async () => {
    const seenAt = new Date(Date.now() - 1000).toISOString();
    const r = await call(seenPOST, "/api/v1/checkin/seen", { body: { seenAt }, auth: session });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ lastCheckInAt: seenAt, previous: null });
    const s = await call(checkinGET, "/api/v1/checkin", { auth: session });
    expect((s.body as { since: { from: string }; lastCheckInAt: string }).since.from).toBe(seenAt);
  });
});

describe("POST /api/v1/checks/incidents/:id/acknowledge", () => {
  it("is refused to a read-only token, without CSRF token, and with unknown fields", async () => {
    expect((await ack(openId, readToken)).status).toBe(403);
    expect((await ack(openId, { cookie: session.cookie })).status).toBe(403);
    expect((await ack(openId, session, { who: "me" })).status).toBe(422);
    expect((await t.db.incident.findUniqueOrThrow({ where: { id: openId } })).acknowledgedAt).toBeNull();
  });

  it("404 for an unknown or malformed id; 409 for an incident that has ended", async () => {
    expect(errorOf(await ack("cmunknownunknownunknown", session)).code).toBe("not_found");
    expect(errorOf(await ack("../etc", session)).code).toBe("not_found");
    const ended = await ack(endedId, session);
    expect(ended.status).toBe(409);
    expect(errorOf(ended).message).toMatch(/already ended/);
  });

  it("acknowledges once, audited with the note, and repeats without change", async () => {
    const r = await ack(openId, session, { note: "rebooting the NAS" });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ id: openId, acknowledgedBy: "admin", already: false });
    const again = await ack(openId, session);
    expect(again.body).toMatchObject({ acknowledgedAt: (r.body as { acknowledgedAt: string }).acknowledgedAt, already: true });
    const audit = await call(auditGET, "/api/v1/audit?action=incident.acknowledge", { auth: session });
    const items = (audit.body as { items: { targetId: string; actorName: string; details: { note?: string } }[] }).items;
    expect(items).toEqual([expect.objectContaining({ targetId: openId, actorName: "admin", details: expect.objectContaining({ note: "rebooting the NAS" }) })]);
    const s = CheckInSummarySchema.parse((await call(checkinGET, "/api/v1/checkin", { auth: session })).body);
    expect(s).toMatchObject({ verdict: "attention", needsAttention: 0, headline: "Acknowledged — 1 incident still open" });
  });
});
