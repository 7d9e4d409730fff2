// Probe results an agent makes while cut off from the control plane are kept and arrive later
// with their own times. The real agent program probes an HTTP server on loopback on a 1-second
// schedule; the test then stops the control plane's hub and refuses the agent's reconnects (the
// agent keeps probing: the target still sees requests), starts a fresh hub (which knows nothing
// of the agent's schedule until it pushes it again) and lets the agent back in: the results from
// the offline period land in ProbeResult, oldest first, dated when they were made. Agents run
// without Docker (DOCKER_HOST points nowhere).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { startAgent, type AgentProcess } from "./helpers/agent-process";
import { actor, meta } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import { createEnrollmentToken, exchangeEnrollmentToken, findAgentHub, startAgentHub, stopAgentHub } from "@/lib/agents";
import { AGENT_WS_PATH } from "@/lib/protocol";
import { saveCredentials } from "@/agents/credentials";

let cp: TestControlPlane | undefined;
let agent: AgentProcess | undefined;
let target: Server | undefined;
let front: Server | undefined;
let stateDir = "";
let hostId = "";
let targetUrl = "";
let agentUrl = "";
/** While true, the agents' endpoint refuses every connection (the control plane is "down"). */
let refusing = false;
let hits = 0;

const listen = (s: Server) => new Promise<string>((r) => s.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
const close = (s: Server | undefined) => new Promise<void>((r) => (s ? s.close(() => r()) : r()));
const hub = () => findAgentHub()!;
const output = () => `\nagent output:\n${agent?.output() ?? ""}`;

beforeAll(async () => {
  cp = await startTestControlPlane();
  target = createServer((_req, res) => {
    hits++;
    res.end("ok");
  });
  targetUrl = `${await listen(target)}/`;
  // The agents' endpoint, resolving the hub on each upgrade (the test replaces it).
  front = createServer((_req, res) => res.writeHead(404).end());
  front.on("upgrade", (req, socket, head) => {
    if (refusing || (req.url ?? "").split("?")[0] !== AGENT_WS_PATH) return void socket.destroy();
    void hub().handleUpgrade(req, socket, head);
  });
  agentUrl = await listen(front);

  const { token } = await createEnrollmentToken(cp.t.db, { name: "offline-vantage" }, agentUrl, actor, meta);
  const creds = await exchangeEnrollmentToken(cp.t.db, { token, hostname: "offline-vantage", agentVersion: "test" }, meta);
  hostId = creds.agentId;
  stateDir = mkdtempSync(join(tmpdir(), "homeport-offline-"));
  saveCredentials(stateDir, { ...creds, server: agentUrl, enrolledAt: new Date().toISOString() });
  agent = startAgent(["--server", agentUrl, "--state-dir", stateDir, "--name", "offline-vantage"], { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
  await waitUntil(async () => hub().isOnline(hostId), 30_000, "the agent to connect").catch((e: Error) => {
    throw new Error(e.message + output());
  });
}, 60_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  front?.closeAllConnections();
  await close(front);
  target?.closeAllConnections();
  await close(target);
  await cp?.close();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
}, 30_000);

describe("probe results made while the agent is offline", () => {
  it("are kept by the agent and stored after the reconnect, oldest first, with the times they were made", async () => {
    const db = cp!.t.db;
    const check = await db.check.create({
      data: {
        name: "loopback target",
        type: "http",
        target: JSON.stringify({ url: targetUrl, method: "GET", expectStatus: { min: 200, max: 399 }, followRedirects: true, maxRedirects: 5, verifyTls: true, tlsMinDaysValid: 0 }),
        intervalSec: 1,
        timeoutMs: 2_000,
        vantages: JSON.stringify([hostId]),
      },
    });
    await hub().probes.pushSchedule(hostId);
    const stored = (where: object = {}) => db.probeResult.count({ where: { checkId: check.id, vantageId: hostId, ...where } });
    await waitUntil(async () => (await stored()) >= 2, 30_000, "results while connected").catch((e: Error) => {
      throw new Error(e.message + output());
    });

    // The control plane goes away: its hub stops, and reconnects are refused.
    refusing = true;
    await stopAgentHub();
    await waitUntil(async () => agent!.output().includes("disconnected; will retry"), 20_000, "the agent to notice").catch((e: Error) => {
      throw new Error(e.message + output());
    });
    const offlineFrom = new Date();
    const hitsBefore = hits;
    // It keeps probing on its last schedule.
    await waitUntil(async () => hits - hitsBefore >= 4, 30_000, "the agent to keep probing while offline").catch((e: Error) => {
      throw new Error(e.message + output());
    });
    const offlineUntil = new Date();
    const inWindow = { at: { gte: offlineFrom, lte: offlineUntil } };
    expect(await stored({ at: { gte: offlineFrom } })).toBe(0);

    // A fresh control plane (it has to push the schedule again before it accepts results).
    startAgentHub(() => db);
    refusing = false;
    await waitUntil(async () => hub().isOnline(hostId), 60_000, "the agent to reconnect").catch((e: Error) => {
      throw new Error(e.message + output());
    });
    await waitUntil(async () => (await stored(inWindow)) >= 3, 30_000, "the offline results to arrive").catch((e: Error) => {
      throw new Error(e.message + output());
    });

    const rows = await db.probeResult.findMany({ where: { checkId: check.id, vantageId: hostId, ...inWindow }, orderBy: { id: "asc" } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(r).toMatchObject({ ok: true, statusCode: 200, errorClass: null });
      expect(r.at.getTime()).toBeGreaterThanOrEqual(offlineFrom.getTime());
      expect(r.at.getTime()).toBeLessThanOrEqual(offlineUntil.getTime());
    }
    // Sent (and so stored) oldest first, each with its own time.
    const times = rows.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    // The agent's log line travels through a pipe and may trail the results it announces.
    await waitUntil(async () => agent!.output().includes("sent probe results kept while offline"), 10_000, "the agent to log the flush").catch((e: Error) => {
      throw new Error(e.message + output());
    });

    // Live results follow, and the cell reflects the newest of them.
    await waitUntil(async () => (await stored({ at: { gt: offlineUntil } })) > 0, 30_000, "live results after the reconnect");
    const cell = await db.checkState.findUniqueOrThrow({ where: { checkId_vantageId: { checkId: check.id, vantageId: hostId } } });
    expect(cell.status).toBe("up");
    expect(cell.lastAt?.getTime()).toBeGreaterThan(offlineUntil.getTime());
  }, 180_000);
});
