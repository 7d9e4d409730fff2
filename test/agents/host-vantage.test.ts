// A host's vantage kind through the API: GET /hosts/:id, PATCH {vantage} moves its vantage point
// to the other kind (audited once), bad input and unknown hosts get 4xx with a message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as hostGET, PATCH as hostPATCH } from "@/app/api/v1/hosts/[id]/route";
import { addChecksListener } from "@/lib/probes";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, issueToken, setupAdmin, type Auth } from "../helpers/api";

let t: TestDb;
let session: Auth;
let hostId: string;

beforeAll(async () => {
  t = await createTestDb();
  session = await setupAdmin(t.db);
  const host = await t.db.host.create({ data: { name: "laptop" } });
  hostId = host.id;
  await t.db.vantagePoint.create({ data: { id: host.id, name: host.name, kind: "lan" } });
});
afterAll(async () => {
  await t.cleanup();
});

const patch = (id: string, body: unknown, auth: Auth = session) => call(hostPATCH, `/api/v1/hosts/${id}`, { method: "PATCH", body, auth }, { id });

describe("host vantage", () => {
  it("reads one host", async () => {
    const r = await call(hostGET, `/api/v1/hosts/${hostId}`, { auth: session }, { id: hostId });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ id: hostId, name: "laptop", vantage: "lan" });
  });

  it("moves the host and its vantage point to remote, re-pushes schedules, and audits once", async () => {
    let pushed = 0;
    const off = addChecksListener(() => pushed++);
    try {
      const r = await patch(hostId, { vantage: "remote" });
      expect(r.status, r.text).toBe(200);
      expect((await t.db.host.findUniqueOrThrow({ where: { id: hostId } })).vantage).toBe("remote");
      expect((await t.db.vantagePoint.findUniqueOrThrow({ where: { id: hostId } })).kind).toBe("remote");
      expect(pushed).toBe(1);
      const again = await patch(hostId, { vantage: "remote" });
      expect(again.status).toBe(200);
      const audits = await t.db.auditEvent.findMany({ where: { action: "host.update", targetId: hostId } });
      expect(audits).toHaveLength(1);
      expect(JSON.parse(audits[0]!.details ?? "{}")).toMatchObject({ vantage: { from: "lan", to: "remote" } });
    } finally {
      off();
    }
  });

  it("refuses bad input and unknown hosts with a message", async () => {
    const bad = await patch(hostId, { vantage: "moon" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("vantage");
    const extra = await patch(hostId, { vantage: "lan", name: "x" });
    expect(extra.status).toBe(422);
    const missing = await patch("clxxxxxxxxxxxxxxxxxxxxxxx", { vantage: "lan" });
    expect(missing.status).toBe(404);
    const badId = await patch("../etc", { vantage: "lan" });
    expect([400, 404]).toContain(badId.status);
  });

  it("needs the admin scope", async () => {
    const token = await issueToken(session, ["write"]);
    const r = await patch(hostId, { vantage: "lan" }, { bearer: token.token });
    expect(r.status).toBe(403);
  });
});
