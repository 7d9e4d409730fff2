// GET /api/v1/capacity and /api/v1/capacity/run through the real route handlers: the run file is
// read from the data dir (missing → 404 with the bench command, damaged → 422 naming the file,
// valid → the same run back), and the live answer counts a connected agent, checks and the
// monitor's samples, for a read-only token as for the admin.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as liveGET } from "@/app/api/v1/capacity/route";
import { GET as runGET } from "@/app/api/v1/capacity/run/route";
import { GET as eventsGET } from "@/app/api/v1/events/route";
import { startAgentHub, stopAgentHub, type AgentHub } from "@/lib/agents";
import { sha256 } from "@/lib/auth/tokens";
import { CapacityLiveSchema, CapacityRunSchema, findCapacityMonitor, startCapacityMonitor } from "@/lib/capacity";
import { WRITE_PROBE_KEY } from "@/lib/capacity/monitor";
import { getEventBus, type LiveEvent } from "@/lib/events";
import { AGENT_WS_PATH } from "@/lib/protocol";
import { Schedulers } from "@/lib/schedulers";
import { call, errorOf, issueToken, makeRequest, setupAdmin, type Auth } from "../helpers/api";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { sampleRun } from "./run-fixture";

const SECRET = "hpa_capacity-test-secret-0123456789";

let t: TestDb;
let admin: Auth;
let viewer: Auth;
let runFile = "";
let hub: AgentHub;
let server: Server;
let schedulers: Schedulers;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await createTestDb();
  admin = await setupAdmin(t.db);
  viewer = { bearer: (await issueToken(admin, ["read"])).token };
  runFile = join(t.dir, "capacity", "last-run.json");
});

afterAll(async () => {
  for (const s of sockets) s.terminate();
  await schedulers?.stop();
  await stopAgentHub();
  server?.closeAllConnections();
  if (server) await new Promise<void>((r) => server.close(() => r()));
  await t?.cleanup();
});

describe("GET /api/v1/capacity/run", () => {
  it("refuses anyone signed out", async () => {
    const r = await call(runGET, "/api/v1/capacity/run");
    expect(r.status).toBe(401);
  });

  it("is a 404 that says how to produce a run while there is none", async () => {
    const r = await call(runGET, "/api/v1/capacity/run", { auth: viewer });
    expect(r.status).toBe(404);
    const e = errorOf(r);
    expect(e.code).toBe("not_found");
    expect(e.message).toContain("npm run bench:scale");
  });

  it("is a 422 naming the file when it is not JSON, never a 500", async () => {
    mkdirSync(join(t.dir, "capacity"), { recursive: true });
    writeFileSync(runFile, '{"version": 1, "steps": [');
    const r = await call(runGET, "/api/v1/capacity/run", { auth: viewer });
    expect(r.status).toBe(422);
    const e = errorOf(r);
    expect(e.message).toContain(runFile);
    expect(e.message).toContain("not valid JSON");
  });

  it("is a 422 naming the file and the field when the run has the wrong shape", async () => {
    const bad = { ...sampleRun(), steps: [{ ...sampleRun().steps[0], rssMbPeak: "a lot" }] };
    writeFileSync(runFile, JSON.stringify(bad));
    const r = await call(runGET, "/api/v1/capacity/run", { auth: viewer });
    expect(r.status).toBe(422);
    const e = errorOf(r);
    expect(e.message).toContain(runFile);
    expect(e.message).toContain("steps.0.rssMbPeak");
  });

  it("gives a valid run back as the bench wrote it, to a read-only token", async () => {
    const run = sampleRun();
    writeFileSync(runFile, JSON.stringify(run, null, 2));
    const r = await call(runGET, "/api/v1/capacity/run", { auth: viewer });
    expect(r.status, r.text).toBe(200);
    expect(CapacityRunSchema.parse(r.body)).toEqual(run);
  });
});

async function connectFakeAgent(hostId: string): Promise<WebSocket> {
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${AGENT_WS_PATH}`;
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${hostId}.${SECRET}` } });
  sockets.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
  return ws;
}

async function until(pred: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("GET /api/v1/capacity", () => {
  it("refuses anyone signed out", async () => {
    expect((await call(liveGET, "/api/v1/capacity")).status).toBe(401);
  });

  it("counts enrolled and connected agents, containers, services and checks per minute (paused ones excluded)", async () => {
    hub = startAgentHub(() => t.db);
    server = createServer((_req, res) => res.writeHead(404).end());
    server.on("upgrade", (req, socket, head) => void hub.handleUpgrade(req, socket, head));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const online = await t.db.host.create({ data: { name: "cap-online", hostname: "online", agentSecretHash: sha256(SECRET), enrolledAt: new Date() } });
    await t.db.host.create({ data: { name: "cap-offline", hostname: "offline", agentSecretHash: sha256(`${SECRET}-other`), enrolledAt: new Date() } });
    await t.db.host.create({ data: { name: "cap-revoked", enrolledAt: new Date(), revokedAt: new Date() } });
    for (let i = 0; i < 3; i++) {
      await t.db.containerState.create({ data: { hostId: online.id, containerId: `c${i}`, name: `web-${i}`, image: "busybox", state: "running", status: "Up" } });
    }
    await t.db.service.create({ data: { name: "cap-web", image: "busybox", hostId: online.id } });
    await t.db.check.create({ data: { name: "every 30 s", type: "tcp", target: "{}", intervalSec: 30 } });
    await t.db.check.create({ data: { name: "every 2 min", type: "tcp", target: "{}", intervalSec: 120 } });
    await t.db.check.create({ data: { name: "paused", type: "tcp", target: "{}", intervalSec: 10, pausedAt: new Date() } });
    await t.db.check.create({ data: { name: "disabled", type: "tcp", target: "{}", intervalSec: 10, enabled: false } });
    await connectFakeAgent(online.id);
    await until(() => hub.isOnline(online.id));

    const r = await call(liveGET, "/api/v1/capacity", { auth: viewer });
    expect(r.status, r.text).toBe(200);
    const live = CapacityLiveSchema.parse(r.body);
    expect(live.agents).toEqual({ enrolled: 2, connected: 1 });
    expect(live.containers).toBe(3);
    expect(live.services).toBe(1);
    expect(live.checksPerMinute).toBe(2.5);
    expect(live.database.bytes).toBeGreaterThan(0);
    expect(live.process.rssMb).toBeGreaterThan(0);
  });

  it("reports the monitor's write latency and event rate once it runs (its probe upserts one row of its own)", async () => {
    schedulers = new Schedulers();
    const monitor = startCapacityMonitor(schedulers, () => t.db, { warmupMs: 0 });
    expect(findCapacityMonitor()).toBe(monitor);
    const before = CapacityLiveSchema.parse((await call(liveGET, "/api/v1/capacity", { auth: admin })).body);
    expect(before.database.writeP95Ms).toBeNull();
    await monitor.probeWrite();
    for (let i = 0; i < 25; i++) getEventBus().publish({ type: "host/status", host: { id: "x" } } as unknown as LiveEvent);
    await new Promise((r) => setTimeout(r, 50));
    monitor.tick();
    const after = CapacityLiveSchema.parse((await call(liveGET, "/api/v1/capacity", { auth: admin })).body);
    expect(after.database.writeP95Ms).not.toBeNull();
    expect(after.eventsPerSecond).toBeGreaterThan(0);
    expect(after.process.cpuCores).not.toBeNull();
    expect(await t.db.setting.findUnique({ where: { key: WRITE_PROBE_KEY } })).not.toBeNull();
  });

  it("counts the browser event streams open now, and forgets one once it closes", async () => {
    const live = async () => CapacityLiveSchema.parse((await call(liveGET, "/api/v1/capacity", { auth: viewer })).body);
    const before = (await live()).eventStreams;
    const ac = new AbortController();
    const res = await eventsGET(new Request(makeRequest("/api/v1/events", { auth: viewer }), { signal: ac.signal }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the stream has started
    expect((await live()).eventStreams).toBe(before + 1);
    ac.abort();
    await reader.cancel().catch(() => undefined);
    const end = Date.now() + 5_000;
    while ((await live()).eventStreams !== before && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect((await live()).eventStreams).toBe(before);
  });
});
