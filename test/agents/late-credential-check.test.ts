// A slow credential check must not let an agent's older, abandoned connection attempt replace its
// newer working session ("replaced by a newer connection" during a reconnect storm): the hub
// numbers attempts on arrival and never attaches one that a newer attached attempt overtook, nor
// a socket the agent already gave up on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { AgentHub } from "@/lib/agents/hub";
import { verifyAgentCredentials } from "@/lib/agents/enrollment";
import { EventBus } from "@/lib/events";
import { sha256 } from "@/lib/auth/tokens";
import { AGENT_WS_PATH } from "@/lib/protocol";

const SECRET = "hpa_late-check-secret-0123456789";

let t: TestDb;
let hub: AgentHub;
let server: Server;
let url = "";
let hostId = "";
/** Pending gates: each credential check waits for the next gate if one is queued. */
const gates: Promise<void>[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await createTestDb();
  const host = await t.db.host.create({ data: { name: "late-check", hostname: "late", agentSecretHash: sha256(SECRET), enrolledAt: new Date() } });
  hostId = host.id;
  hub = new AgentHub(() => t.db, new EventBus(), {
    verify: async (db, bearer) => {
      const gate = gates.shift();
      if (gate) await gate;
      return verifyAgentCredentials(db, bearer);
    },
  });
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => void hub.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${AGENT_WS_PATH}`;
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});

afterAll(async () => {
  await hub?.stop();
  server?.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await t?.cleanup();
});

function gate(): () => void {
  let open = () => {};
  gates.push(new Promise<void>((r) => (open = r)));
  return open;
}

function connect(): { ws: WebSocket; outcome: Promise<{ opened: boolean; status?: number; closeCode?: number }> } {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${hostId}.${SECRET}` } });
  sockets.push(ws);
  const outcome = new Promise<{ opened: boolean; status?: number }>((resolve) => {
    ws.once("open", () => resolve({ opened: true }));
    ws.once("unexpected-response", (_req, res) => resolve({ opened: false, status: res.statusCode }));
    ws.once("error", () => resolve({ opened: false }));
  });
  return { ws, outcome };
}

const closedWith = (ws: WebSocket) => new Promise<number>((r) => ws.once("close", (code) => r(code)));
const until = async (pred: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("a late credential check", () => {
  it("an older attempt whose check ends after the newer session attached is refused; the working session stays", async () => {
    const release = gate();
    const old = connect(); // its check hangs, as under a storm; the agent does not close it
    await until(() => gates.length === 0); // the check has started and holds the gate
    const fresh = connect();
    expect((await fresh.outcome).opened).toBe(true);
    await until(() => hub.isOnline(hostId));
    let freshClosed: number | null = null;
    void closedWith(fresh.ws).then((c) => (freshClosed = c));
    release();
    expect(await old.outcome).toEqual({ opened: false, status: 409 });
    await new Promise((r) => setTimeout(r, 200));
    expect(freshClosed).toBeNull();
    expect(fresh.ws.readyState).toBe(WebSocket.OPEN);
    expect(hub.isOnline(hostId)).toBe(true);
    expect(hub.supersededUpgrades).toBeGreaterThanOrEqual(1);
  });

  it("a socket the agent gave up on while it was checked is never attached", async () => {
    const before = hub.abandonedUpgrades;
    const release = gate();
    const old = connect();
    await until(() => gates.length === 0);
    old.ws.terminate(); // the agent's connect timeout: it drops the socket
    await new Promise((r) => setTimeout(r, 100));
    release();
    await until(() => hub.abandonedUpgrades > before);
    expect(hub.isOnline(hostId)).toBe(false);
  });

  it("a newer attempt whose check is slower than an older one's still replaces it (the newest wins)", async () => {
    const older = connect();
    expect((await older.outcome).opened).toBe(true);
    const release = gate();
    const newer = connect();
    await until(() => gates.length === 0);
    const olderClosed = closedWith(older.ws);
    release();
    expect((await newer.outcome).opened).toBe(true);
    expect(await olderClosed).toBe(4000);
    expect(newer.ws.readyState).toBe(WebSocket.OPEN);
  });
});
