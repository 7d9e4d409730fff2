// What the hub keeps per host follows the sessions, not history: per-host last-heard times go
// with the session, stats history of containers a snapshot no longer lists goes at once, and a
// host offline longer than its history is worth loses its samples at the next sweep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { AgentHub, STATS_OFFLINE_KEEP_MS } from "@/lib/agents/hub";
import { EventBus } from "@/lib/events";
import { AGENT_WS_PATH } from "@/lib/protocol";
import { connectAgent, containers, createHosts, type FakeAgent } from "./helpers/fake-agents";

const HOSTS = 30;
const PER_HOST = 20;

let t: TestDb;
let hub: AgentHub;
let server: Server;
let url = "";
let clock = Date.now();

beforeAll(async () => {
  t = await createTestDb();
  hub = new AgentHub(() => t.db, new EventBus(), { now: () => clock });
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => void hub.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${AGENT_WS_PATH}`;
});

afterAll(async () => {
  await hub?.stop();
  server?.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await t?.cleanup();
});

const until = async (pred: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`condition not met in time: ${JSON.stringify(hub.tracked)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const sample = (containerId: string, i: number) => ({ containerId, serviceId: null, at: new Date(clock + i).toISOString(), cpuPercent: i, memoryBytes: 1, memoryLimitBytes: 2 });

describe("the hub's per-host memory", () => {
  it("follows the sessions: what a snapshot drops goes at once, an offline host's stats go after the grace time", async () => {
    const hosts = await createHosts(t.db, HOSTS, "mem-");
    const agents: FakeAgent[] = [];
    for (const [i, host] of hosts.entries()) {
      const a = await connectAgent(url, host);
      agents.push(a);
      const cs = containers(PER_HOST, [null], `h${i}`);
      a.send("agent/snapshot", { at: new Date().toISOString(), containers: cs });
      a.send("stats/sample", { samples: cs.map((c, k) => sample(c.id, k)) });
    }
    await until(() => hub.tracked.statsContainers === HOSTS * PER_HOST);
    // A second snapshot with half the containers: the other half's history goes.
    const first = hosts[0]!;
    agents[0]!.send("agent/snapshot", { at: new Date().toISOString(), containers: containers(PER_HOST / 2, [null], "h0") });
    await until(() => hub.tracked.statsContainers === HOSTS * PER_HOST - PER_HOST / 2);
    expect(hub.tracked).toMatchObject({ sessions: HOSTS, lastHeard: HOSTS, offline: 0 });

    await Promise.all(agents.map((a) => a.close()));
    await until(() => hub.tracked.sessions === 0 && hub.tracked.offline === HOSTS);
    expect(hub.tracked.lastHeard).toBe(0);
    // Within the grace time the history stays (an agent restart keeps its charts).
    hub.sweep();
    expect(hub.tracked.statsHosts).toBe(HOSTS);
    // One host comes back before the grace time ends: it is no longer offline and keeps its history.
    const back = await connectAgent(url, first);
    await until(() => hub.isOnline(first.id) && hub.tracked.offline === HOSTS - 1);
    clock += STATS_OFFLINE_KEEP_MS + 1;
    back.send("agent/heartbeat", { at: new Date(clock).toISOString() });
    await new Promise((r) => setTimeout(r, 50));
    hub.sweep();
    expect(hub.tracked).toMatchObject({ sessions: 1, lastHeard: 1, offline: 0, statsHosts: 1, statsContainers: PER_HOST / 2 });
    await back.close();
  }, 60_000);
});
