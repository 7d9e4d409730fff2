// Against real servers on loopback: an HTTP answer carrying X-Homeport-Route leaves its
// fingerprint in the stored result, the matrix cell and the history; an exposure check
// (expectation "unreachable") is up while nothing answers and goes down as "exposed", with an
// incident, as soon as the target answers.
import { createServer, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { createProbeRuntime, ensureControlPlaneVantage, getCheckHistory, getMatrix, listIncidents, DEFAULT_RETENTION } from "@/lib/probes";
import { freePort } from "@/test/ingress/caddy-harness";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await ensureControlPlaneVantage(t.db);
});
afterEach(async () => {
  await t.cleanup();
});

async function routeServer(fingerprint: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.setHeader("X-Homeport-Route", fingerprint);
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const httpTarget = (url: string) => JSON.stringify({ url, method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 });

/** Runs the control plane's scheduler until every check has `n` results. */
async function probeUntil(checkIds: string[], n = 1): Promise<void> {
  const runtime = await createProbeRuntime(t.db, { enabled: true, concurrency: 4, retention: DEFAULT_RETENTION, maxInitialDelayMs: 50 });
  try {
    const deadline = Date.now() + 15_000;
    const done = async () => (await Promise.all(checkIds.map((checkId) => t.db.probeResult.count({ where: { checkId } })))).every((c) => c >= n);
    while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await runtime.stop();
  }
}

describe("route fingerprint", () => {
  it("the X-Homeport-Route header of the answer is stored in the result and the cell, and shown in the matrix and history", async () => {
    const server = await routeServer("cmroute0000fingerprint");
    try {
      const c = await t.db.check.create({ data: { name: "app", type: "http", target: httpTarget(server.url), intervalSec: 10, timeoutMs: 2000 } });
      await probeUntil([c.id]);
      const state = await t.db.checkState.findUniqueOrThrow({ where: { checkId_vantageId: { checkId: c.id, vantageId: "control-plane" } } });
      expect(state).toMatchObject({ status: "up", fingerprint: "cmroute0000fingerprint" });
      expect((await t.db.probeResult.findFirstOrThrow({ where: { checkId: c.id } })).fingerprint).toBe("cmroute0000fingerprint");
      const row = (await getMatrix(t.db, { limit: 10 })).rows.find((r) => r.check.id === c.id)!;
      expect(row.cells.find((x) => x?.vantageId === "control-plane")?.fingerprint).toBe("cmroute0000fingerprint");
      expect((await getCheckHistory(t.db, c.id, { limit: 5 })).items[0]?.fingerprint).toBe("cmroute0000fingerprint");
    } finally {
      await server.close();
    }
  });
});

describe("exposure check (expectation unreachable)", () => {
  it("is up while the target refuses, and down as exposed with an incident once it answers", async () => {
    const port = await freePort();
    const c = await t.db.check.create({ data: { name: "nas from away", type: "http", target: httpTarget(`http://127.0.0.1:${port}/`), intervalSec: 10, timeoutMs: 2000, retries: 0, expectation: "unreachable" } });
    await probeUntil([c.id]);
    let state = await t.db.checkState.findUniqueOrThrow({ where: { checkId_vantageId: { checkId: c.id, vantageId: "control-plane" } } });
    expect(state).toMatchObject({ status: "up", errorClass: null });
    expect(state.message).toMatch(/^not reachable, as expected: refused/);
    expect((await t.db.check.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("up");

    const server = await routeServer("cmlanonly");
    try {
      await t.db.check.update({ where: { id: c.id }, data: { target: httpTarget(server.url) } });
      await probeUntil([c.id], 2);
    } finally {
      await server.close();
    }
    state = await t.db.checkState.findUniqueOrThrow({ where: { checkId_vantageId: { checkId: c.id, vantageId: "control-plane" } } });
    expect(state).toMatchObject({ status: "down", errorClass: "exposed", fingerprint: "cmlanonly" });
    expect(state.message).toBe("reachable from Control plane but should not be (answered by route cmlanonly)");
    const incidents = await listIncidents(t.db, { limit: 5, checkId: c.id });
    expect(incidents.items[0]).toMatchObject({ kind: "down", errorClass: "exposed", vantages: ["control-plane"] });
  });
});
