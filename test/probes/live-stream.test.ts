// Probe results reach a page live: ingestResults publishes on the bus, GET /api/v1/events (the real
// route handler, with a read token) streams it, and the browser's LiveConnection — the one stream
// every component of a page shares — hands each subscriber what it asked for. What a subscriber
// then refetches (the matrix) already shows the change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { call, issueToken, makeRequest, setupAdmin } from "../helpers/api";
import { GET as eventsGET } from "@/app/api/v1/events/route";
import * as matrix from "@/app/api/v1/checks/matrix/route";
import { CONTROL_PLANE_VANTAGE, ensureControlPlaneVantage, ingestResults, type VantageResult } from "@/lib/probes";
import { getEventBus, type LiveEvent } from "@/lib/events";
import { LiveConnection, type OpenStream } from "@/lib/client/live/connection";
import type { Matrix } from "@/lib/probes/queries";

/** How long a test waits for an event before failing (a bound, not a target). */
const EVENT_WAIT_MS = 5_000;
const LISTENER_DROP_WAIT_MS = 20_000;

let t: TestDb;
let token: string;

beforeAll(async () => {
  t = await createTestDb();
  const admin = await setupAdmin(t.db);
  token = (await issueToken(admin, ["read"], "dashboard")).token;
  await ensureControlPlaneVantage(t.db);
});
afterAll(async () => {
  await t.cleanup();
});

/** An EventSource stand-in over the route handler: open on a 200 event stream, one message per `data:` block. */
const routeStream: OpenStream = (url, h) => {
  const aborter = new AbortController();
  void (async () => {
    const res = await eventsGET(new Request(makeRequest(url, { auth: { bearer: token } }), { signal: aborter.signal }), { params: Promise.resolve({}) });
    if (res.status !== 200 || !res.headers.get("content-type")?.startsWith("text/event-stream") || !res.body) return h.onError(true);
    h.onOpen();
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const lines = buf.slice(0, i).split("\n");
        buf = buf.slice(i + 2);
        if (lines.some((l) => l.startsWith("event:"))) continue; // named events never reach onmessage
        const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
        if (data) h.onMessage(data);
      }
    }
    if (!aborter.signal.aborted) h.onError(true);
  })();
  return { close: () => aborter.abort() };
};

function collector() {
  const events: LiveEvent[] = [];
  let opens = 0;
  return {
    events,
    opens: () => opens,
    onEvent: (e: LiveEvent) => void events.push(e),
    onOpen: () => void opens++,
    async waitFor<T extends LiveEvent>(pred: (e: LiveEvent) => e is T, what: string): Promise<T> {
      const end = Date.now() + EVENT_WAIT_MS;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`no ${what} within ${EVENT_WAIT_MS} ms (got ${events.map((e) => e.type).join(", ") || "nothing"})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

async function waitUntil(cond: () => boolean, what: string, timeoutMs = EVENT_WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const result = (checkId: string, ok: boolean, at = new Date()): VantageResult => ({
  checkId, at: at.toISOString(), ok, errorClass: ok ? null : "refused", message: ok ? null : "connection refused", latencyMs: ok ? 12 : null,
  timing: { dnsMs: null, connectMs: ok ? 1 : null, tlsMs: null, firstByteMs: ok ? 5 : null }, statusCode: ok ? 200 : null, tls: null, answers: null, fingerprint: null,
});

async function makeCheck(name: string) {
  return t.db.check.create({
    data: { name, type: "tcp", target: JSON.stringify({ host: "127.0.0.1", port: 9 }), retries: 0, channels: "[]" },
  });
}

const isStatus = (e: LiveEvent): e is Extract<LiveEvent, { type: "checks/status" }> => e.type === "checks/status";
const isResults = (e: LiveEvent): e is Extract<LiveEvent, { type: "checks/results" }> => e.type === "checks/results";

describe("a check's status change reaches the page's live stream", () => {
  it("every subscriber on one shared stream gets what it asked for; the matrix it refetches shows the change", async () => {
    const bus = getEventBus();
    const listenersBefore = bus.size;
    const conn = new LiveConnection({ open: routeStream });
    const matrixSub = collector();
    const pill = collector();
    const hostPage = collector();
    const offs = [
      conn.subscribe({ filter: { types: ["checks/status", "checks/results"] }, onEvent: matrixSub.onEvent, onOpen: matrixSub.onOpen }),
      conn.subscribe({ filter: { types: ["checks/status"] }, onEvent: pill.onEvent }),
      conn.subscribe({ filter: { hostId: "some-host" }, onEvent: hostPage.onEvent }),
    ];
    try {
      await waitUntil(() => conn.getState().status === "live", "the stream to open");
      expect(conn.streamsOpened).toBe(1);
      expect(matrixSub.opens()).toBe(1); // the refetch-on-open that covers anything before the stream listened
      expect(bus.size).toBe(listenersBefore + 1);

      const c = await makeCheck("nas.home.example");
      const summary = await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(c.id, false)], t.db);
      expect(summary.statusChanges).toBe(1);

      const status = await matrixSub.waitFor(isStatus, "checks/status");
      expect(status.checks).toContainEqual({ checkId: c.id, status: "down" });
      const results = await matrixSub.waitFor(isResults, "checks/results");
      expect(results).toEqual({ type: "checks/results", vantageId: CONTROL_PLANE_VANTAGE.id, checkIds: [c.id], truncated: false });
      expect((await pill.waitFor(isStatus, "checks/status")).checks).toContainEqual({ checkId: c.id, status: "down" });
      expect(pill.events.every((e) => e.type === "checks/status")).toBe(true);
      expect(matrixSub.events.some((e) => e.type === "incident/opened")).toBe(false); // not asked for
      expect(hostPage.events).toEqual([]); // another host's page hears nothing of checks

      // What the matrix refetches on that event already says "down".
      const m = await call(matrix.GET, "/api/v1/checks/matrix?limit=50", { auth: { bearer: token } });
      expect(m.status, m.text).toBe(200);
      expect((m.body as Matrix).rows.find((r) => r.check.id === c.id)?.status).toBe("down");
    } finally {
      for (const off of offs) off();
    }
    // The last subscriber gone, the stream closes and the server stops streaming to it.
    // The request's abort reaches the route's stream through the web stream machinery: slower on a loaded machine.
    await waitUntil(() => bus.size === listenersBefore, "the server to drop the stream's bus listener", LISTENER_DROP_WAIT_MS);
    expect(conn.activeUrl).toBeNull();
  });

  it("a batch of many results is one checks/results event naming each check once", async () => {
    const conn = new LiveConnection({ open: routeStream });
    const sub = collector();
    const off = conn.subscribe({ filter: { types: ["checks/results"] }, onEvent: sub.onEvent });
    try {
      await waitUntil(() => conn.getState().status === "live", "the stream to open");
      const checks = await Promise.all(["a.home.example", "b.home.example", "c.home.example"].map(makeCheck));
      const now = Date.now();
      const batch = checks.flatMap((c, i) => [0, 1, 2, 3].map((k) => result(c.id, i !== 1, new Date(now - (4 - k) * 1_000))));
      await ingestResults(CONTROL_PLANE_VANTAGE.id, batch, t.db);
      const e = await sub.waitFor(isResults, "checks/results");
      expect(e.checkIds.sort()).toEqual(checks.map((c) => c.id).sort());
      // A second batch as a barrier: events arrive in order, so a duplicate of the first would be here by now.
      await ingestResults(CONTROL_PLANE_VANTAGE.id, [result(checks[0]!.id, true)], t.db);
      await waitUntil(() => sub.events.length >= 2, "the next batch's event");
      expect(sub.events).toHaveLength(2);
      expect(sub.events[1]).toMatchObject({ checkIds: [checks[0]!.id] });
    } finally {
      off();
    }
  });
});
