// Rogue peers on both sides of the agent protocol: malformed, unknown and oversized frames are
// refused with an error (or the link is closed) and neither the hub nor the agent goes down.
// Also: a version mismatch is recorded for the UI, and revocation cuts a live connection at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { exchangeEnrollmentToken, createEnrollmentToken, getHostStatusOrThrow, revokeHost } from "@/lib/agents";
import { AGENT_WS_PATH, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, requestFrame } from "@/lib/protocol";
import { ensureDocker } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { actor, enrolledAgent, meta } from "./helpers/fixtures";
import { startAgent, type AgentProcess } from "./helpers/agent-process";
import { waitUntil } from "./helpers/sse-client";

const PREFIX = "hpt-r-";
let cp: TestControlPlane;
let agent: AgentProcess;
let agentHostId: string;

interface Peer {
  ws: WebSocket;
  frames: unknown[];
  closed: Promise<number>;
}

function collect(ws: WebSocket): Peer {
  const frames: unknown[] = [];
  ws.on("message", (d: WebSocket.RawData) => frames.push(JSON.parse(String(d))));
  const closed = new Promise<number>((r) => ws.once("close", (code: number) => r(code)));
  return { ws, frames, closed };
}

async function connectAs(bearer: string): Promise<Peer> {
  const ws = new WebSocket(cp.url.replace("http", "ws") + AGENT_WS_PATH, { headers: { authorization: `Bearer ${bearer}` } });
  const status = await new Promise<number>((resolve) => {
    ws.once("open", () => resolve(101));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => resolve(0));
  });
  if (status !== 101) throw Object.assign(new Error(`upgrade refused: ${status}`), { status });
  return collect(ws);
}

async function rogueIdentity(name: string): Promise<string> {
  const { token } = await createEnrollmentToken(cp.t.db, { name }, cp.url, actor, meta);
  const { agentId, secret } = await exchangeEnrollmentToken(cp.t.db, { token, hostname: "rogue", agentVersion: "0" }, meta);
  return `${agentId}.${secret}`;
}

async function hubStillServesTheRealAgent(): Promise<void> {
  const r = await cp.hub.requireSession(agentHostId).request("container/list", {});
  expect(Array.isArray(r.containers)).toBe(true);
}

beforeAll(async () => {
  await ensureDocker();
  cp = await startTestControlPlane();
  ({ hostId: agentHostId, agent } = await enrolledAgent(cp, `${PREFIX}real`));
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
}, 60_000);

describe("a rogue client against the hub", () => {
  it("is refused before the WebSocket opens without valid credentials", async () => {
    await expect(connectAs("nobody.hpa_" + "x".repeat(43))).rejects.toMatchObject({ status: 401 });
    await expect(connectAs("garbage")).rejects.toMatchObject({ status: 401 });
  });

  it("gets errors for malformed and unknown frames, and is cut off for an oversized one", async () => {
    const peer = await connectAs(await rogueIdentity(`${PREFIX}rogue`));
    peer.ws.send("{not json");
    peer.ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: "docker/exec", id: "1", params: { cmd: "sh" } }));
    peer.ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: "result", id: "nobody-asked", ok: true, result: {} }));
    peer.ws.send(requestFrame("container/remove", "2", { containerId: "abc" })); // agents may not send requests
    await waitUntil(async () => peer.frames.length >= 4, 5_000, "four refusals");
    expect(peer.frames.map((f) => (f as { type: string; error: { code: string } }).error.code)).toEqual(["malformed", "unknown_type", "unknown_type", "unknown_type"]);
    expect(peer.frames.every((f) => (f as { type: string }).type === "protocol/error")).toBe(true);

    peer.ws.send("x".repeat(MAX_MESSAGE_BYTES + 1));
    expect(await peer.closed).toBe(1009); // message too big
    await hubStillServesTheRealAgent();
  }, 30_000);

  it("a peer speaking another protocol version is closed and the mismatch is recorded", async () => {
    const bearer = await rogueIdentity(`${PREFIX}old`);
    const peer = await connectAs(bearer);
    peer.ws.send(JSON.stringify({ v: PROTOCOL_VERSION + 1, type: "agent/hello", params: {} }));
    expect(await peer.closed).toBe(4409);
    const hostId = bearer.split(".")[0]!;
    const status = await waitUntil(async () => {
      const s = await getHostStatusOrThrow(cp.t.db, hostId);
      return s.versionMismatch ? s : null;
    }, 5_000, "the mismatch to be recorded");
    expect(status.versionMismatch).toMatch(/protocol version 2/);
    await hubStillServesTheRealAgent();
  }, 30_000);

  it("revoking a host closes its live connection at once and refuses it afterwards", async () => {
    const bearer = await rogueIdentity(`${PREFIX}revoked`);
    const peer = await connectAs(bearer);
    const hostId = bearer.split(".")[0]!;
    await waitUntil(async () => cp.hub.isOnline(hostId), 5_000, "the session");
    const t0 = Date.now();
    await revokeHost(cp.t.db, hostId, actor, meta);
    expect(await peer.closed).toBe(4403);
    expect(Date.now() - t0).toBeLessThan(1_000);
    await expect(connectAs(bearer)).rejects.toMatchObject({ status: 401 });
    expect(await cp.t.db.auditEvent.count({ where: { action: "host.revoke", targetId: hostId } })).toBe(1);
  }, 30_000);
});

describe("a rogue control plane against the agent", () => {
  it("gets errors for garbage, the agent keeps serving and reconnects after an oversized frame", async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise<void>((r) => wss.once("listening", () => r()));
    const url = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const connections: Peer[] = [];
    wss.on("connection", (ws) => connections.push(collect(ws)));
    const stateDir = mkdtempSync(join(tmpdir(), "homeport-rogue-"));
    writeFileSync(join(stateDir, "credentials.json"), JSON.stringify({ agentId: "abcdefgh12", secret: "hpa_" + "s".repeat(43), hostName: "x", server: url, enrolledAt: new Date().toISOString() }), { mode: 0o600 });
    const victim = startAgent(["--server", url, "--state-dir", stateDir]);
    try {
      const first = await waitUntil(async () => connections[0], 20_000, "the agent to dial in");
      await waitUntil(async () => first.frames.some((f) => (f as { type: string }).type === "agent/snapshot"), 10_000, "hello and snapshot");
      first.ws.send("\u0000\u0001 definitely not json");
      first.ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: "container/exec", id: "e1", params: {} }));
      first.ws.send(requestFrame("container/remove", "r1", { containerId: "doesnotexist123" }));
      first.ws.send(requestFrame("image/list", "ok1", {}));
      const answers = await waitUntil(async () => {
        const a = first.frames.filter((f) => ["protocol/error", "result"].includes((f as { type: string }).type));
        return a.length >= 4 ? a : null;
      }, 10_000, "four answers");
      const byId = (id: string | null) => answers.find((f) => (f as { id: string | null }).id === id) as { ok?: boolean; error?: { code: string } };
      expect(byId(null).error?.code).toBe("malformed");
      expect(byId("e1").error?.code).toBe("unknown_type");
      expect(byId("r1").error?.code).toBe("not_found");
      expect(byId("ok1").ok).toBe(true);

      first.ws.send("y".repeat(MAX_MESSAGE_BYTES + 1));
      await first.closed;
      const second = await waitUntil(async () => connections[1], 20_000, "the agent to reconnect");
      await waitUntil(async () => second.frames.some((f) => (f as { type: string }).type === "agent/snapshot"), 10_000, "a fresh snapshot");
      expect(victim.child.exitCode).toBeNull();
    } finally {
      await victim.kill("SIGKILL");
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    }
  }, 60_000);
});
