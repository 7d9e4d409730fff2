// A hostile agent: enrolled properly, then for 60 s it floods the control plane with everything
// the protocol lets an agent send (stats for containers that are not its own, oversized snapshots,
// probe results for checks it was never given and dated in 2999, Docker events, deploy logs),
// ignoring every refusal and reconnecting whenever it is cut off. Meanwhile an honest agent's
// probe results must keep arriving, the server's memory must stay bounded, the flooder must be cut
// off and kept out, and it must not be able to write another host's stats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import WebSocket from "ws";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { AGENT_WS_PATH, ENROLL_PATH, eventFrame, PROTOCOL_VERSION, type AgentEventParams, type AgentEventType } from "@/lib/protocol";
import { ServerProcess, assertNextBuild, freePort } from "../helpers/server-process";
import { makeTempDir } from "../helpers/test-db";
import { apiFor, enrollmentToken, setUpOverHttp, until, type Api } from "../helpers/real-homeport";
import { startAgent, type AgentProcess } from "../agents/helpers/agent-process";
import { buildBusyboxImage, cleanupDocker, docker } from "../agents/helpers/docker";
import { LABELS } from "@/lib/protocol";

const PREFIX = "hpt-hostile-";

const FLOOD_MS = 60_000;
/** The server may grow by at most this much over its settled size while it is flooded. */
const RSS_GROWTH_BOUND_MB = 150;
/** The flooder keeps at most this much queued in its own socket (it is a flood, not a leak of ours). */
const FLOODER_BUFFER_BYTES = 4 * 1024 * 1024;
const PROBE_INTERVAL_SEC = 10;

const temp = makeTempDir("homeport-hostile-");
let server: ServerProcess;
let api: Api;
let honest: AgentProcess;
let honestId: string;
let target: Server;
let targetPort: number;
let checkId: string;
let image: string;
let victim: string;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const hex = (n: number) => randomBytes(n).toString("hex");

interface FloodReport {
  frames: number;
  bytes: number;
  connections: number;
  cutOff: Record<string, number>;
  refusedAtDoor: number;
}

/** Enrolls like an agent, then floods until `until`; reconnects after every cut-off or refusal. */
async function flood(url: string, creds: { agentId: string; secret: string }, untilMs: number, victimContainer: string): Promise<FloodReport> {
  const report: FloodReport = { frames: 0, bytes: 0, connections: 0, cutOff: {}, refusedAtDoor: 0 };
  const sendAll = (ws: WebSocket) =>
    new Promise<void>((resolve) => {
      let i = 0;
      const frame = <T extends AgentEventType>(type: T, params: AgentEventParams<T>) => eventFrame(type, params);
      const container = (n: number) => ({ id: hex(32), name: `x${n}`, image: "evil", state: "running" as const, status: "Up", health: null, exitCode: null, managed: true, serviceId: hex(8), specHash: null, ports: [], startedAt: null });
      const kinds: (() => string)[] = [
        () => frame("stats/sample", { samples: Array.from({ length: 400 }, (_, k) => ({ containerId: k === 0 ? victimContainer : hex(32), serviceId: null, cpuPercent: 999, memoryBytes: 1e12, memoryLimitBytes: 1, at: new Date().toISOString() })) }),
        () => frame("agent/snapshot", { at: new Date().toISOString(), containers: Array.from({ length: 800 }, (_, k) => container(k)) }),
        () => frame("probe/results", { results: Array.from({ length: 400 }, () => ({ checkId, at: "2999-01-01T00:00:00.000Z", ok: true, errorClass: null, message: null, latencyMs: 1, timing: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null }, statusCode: 200, tls: null, answers: null, fingerprint: null })) }),
        () => frame("docker/event", { action: "start", containerId: victimContainer, at: new Date().toISOString(), container: { ...container(0), id: victimContainer } }),
        () => frame("deploy/log", { deploymentId: hex(8), at: new Date().toISOString(), line: "x".repeat(4000) }),
        () => frame("agent/heartbeat", { at: new Date().toISOString() }),
      ];
      const pump = () => {
        while (ws.readyState === WebSocket.OPEN && Date.now() < untilMs && ws.bufferedAmount < FLOODER_BUFFER_BYTES) {
          const f = kinds[i++ % kinds.length]!();
          ws.send(f);
          report.frames++;
          report.bytes += f.length;
        }
        if (ws.readyState === WebSocket.OPEN && Date.now() < untilMs) setTimeout(pump, 5);
        else resolve();
      };
      pump();
    });
  while (Date.now() < untilMs) {
    const ws = new WebSocket(url.replace(/^http/, "ws") + AGENT_WS_PATH, { headers: { authorization: `Bearer ${creds.agentId}.${creds.secret}` } });
    const outcome = await new Promise<"open" | "refused">((resolve) => {
      ws.once("open", () => resolve("open"));
      ws.once("unexpected-response", () => resolve("refused"));
      ws.once("error", () => resolve("refused"));
    });
    if (outcome === "refused") {
      report.refusedAtDoor++;
      ws.terminate();
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    report.connections++;
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    ws.on("error", () => {});
    ws.send(eventFrame("agent/hello", { agentVersion: "evil", protocolVersion: PROTOCOL_VERSION, hostname: "evil", docker: null }));
    await sendAll(ws);
    if (ws.readyState === WebSocket.OPEN) ws.terminate();
    const code = await closed;
    report.cutOff[code] = (report.cutOff[code] ?? 0) + 1;
  }
  return report;
}

beforeAll(async () => {
  assertNextBuild();
  target = createServer((_, res) => res.end("ok"));
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  targetPort = (target.address() as { port: number }).port;
  server = await ServerProcess.start(temp.dir, { port: await freePort(), env: { HOMEPORT_LOG_LEVEL: "warn" } });
  api = apiFor(() => server, await setUpOverHttp(server, temp.dir));
  honest = startAgent(["--server", server.url, "--token", await enrollmentToken(api, "honest"), "--state-dir", mkdtempSync(join(tmpdir(), "hp-honest-"))]);
  honestId = await until(async () => (await api.call<{ items: { id: string; name: string }[] }>("GET", "/api/v1/hosts")).items.find((h) => h.name === "honest")?.id, 30_000, "the honest agent");
  await until(async () => (await api.call<{ online: boolean }>("GET", `/api/v1/hosts/${honestId}/status`)).online, 30_000, "the honest agent online");
  // A check probed from the honest agent only: its results must keep arriving through the flood.
  checkId = (await api.call<{ id: string }>("POST", "/api/v1/checks", { name: "honest view", type: "http", target: { url: `http://127.0.0.1:${targetPort}/` }, intervalSec: PROBE_INTERVAL_SEC, vantages: [honestId], retries: 0 })).id;
  await until(async () => countResults(honestId, 0) > 0, 40_000, "the first honest result");
  // A container on the honest host whose record and stats the flooder will try to overwrite.
  image = await buildBusyboxImage();
  const c = await docker.createContainer({ name: `${PREFIX}victim`, Image: image, Cmd: ["sleep", "600"], Labels: { [LABELS.test]: PREFIX } });
  await c.start();
  victim = c.id;
  await until(async () => containerName(honestId, victim), 20_000, "the honest agent to report the victim container");
}, 180_000);

function containerName(hostId: string, containerId: string): string | null {
  const db = new Database(join(temp.dir, "homeport.db"), { readonly: true });
  try {
    return (db.prepare(`SELECT name FROM ContainerState WHERE hostId = ? AND containerId = ?`).get(hostId, containerId) as { name: string } | undefined)?.name ?? null;
  } finally {
    db.close();
  }
}

afterAll(async () => {
  server?.kill();
  await honest?.kill("SIGKILL");
  await new Promise<void>((r) => (target ? target.close(() => r()) : r()));
  await cleanupDocker(PREFIX, { image });
  temp.cleanup();
}, 30_000);

function countResults(vantageId: string, sinceMs: number): number {
  const db = new Database(join(temp.dir, "homeport.db"), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ProbeResult WHERE vantageId = ? AND at >= ?`).get(vantageId, new Date(sinceMs).toISOString().replace("Z", "+00:00")) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("a hostile agent flooding for 60 s", () => {
  it("is cut off and kept out; the server's memory stays bounded; honest results keep arriving; no stats are forged", async () => {
    const enroll = await fetch(`${server.url}${ENROLL_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: await enrollmentToken(api, "flooder"), hostname: "flooder", agentVersion: "evil" }),
    });
    expect(enroll.status).toBe(201);
    const creds = (await enroll.json()) as { agentId: string; secret: string };

    await new Promise((r) => setTimeout(r, 5_000)); // let the server settle after start-up
    const settledMb = rssMb(server.pid!);
    const start = Date.now();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(server.pid!)), 1_000);
    const report = await flood(server.url, creds, start + FLOOD_MS, victim);
    clearInterval(sampler);
    const peakMb = Math.max(...samples);

    const honestDuring = countResults(honestId, start);
    const flooderStored = countResults(creds.agentId, 0);
    const health = await server.fetch("/api/health");
    // A new attempt right after the flood is still turned away (the penalty box).
    const again = await new Promise<number>((resolve) => {
      const ws = new WebSocket(server.url.replace(/^http/, "ws") + AGENT_WS_PATH, { headers: { authorization: `Bearer ${creds.agentId}.${creds.secret}` } });
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => { ws.terminate(); resolve(101); });
      ws.once("error", () => resolve(-1));
    });
    const audit = await api.call<{ items: { action: string; count: number }[] }>("GET", "/api/v1/audit?action=agent.cut-off");
    console.log(JSON.stringify({ hostileAgent: { floodMs: FLOOD_MS, ...report, mbSent: Math.round(report.bytes / 1048576), rssSettledMb: Math.round(settledMb), rssPeakMb: Math.round(peakMb), honestResultsDuring: honestDuring, flooderResultsStored: flooderStored, reconnectAnswer: again } }));

    expect(health.status).toBe(200);
    expect(report.cutOff[4429] ?? 0, JSON.stringify(report)).toBeGreaterThanOrEqual(1);
    expect(report.refusedAtDoor, "reconnects during the penalty are refused").toBeGreaterThan(0);
    expect(again).toBe(429);
    expect(audit.items.reduce((n, e) => n + e.count, 0)).toBeGreaterThanOrEqual(1);
    expect(peakMb - settledMb, `settled ${settledMb} MB, peak ${peakMb} MB`).toBeLessThan(RSS_GROWTH_BOUND_MB);
    // The honest agent probes every 10 s: about 6 results in 60 s; a starved one would have ~0.
    expect(honestDuring).toBeGreaterThanOrEqual(Math.floor(FLOOD_MS / 1000 / PROBE_INTERVAL_SEC) - 2);
    // Results for a check never scheduled on the flooder, dated 2999: none stored, the check not frozen.
    expect(flooderStored).toBe(0);
    const check = await api.call<{ status: string }>("GET", `/api/v1/checks/${checkId}`);
    expect(check.status).toBe("up"); // from the honest agent's real probes, not the forged ones
    // The flooder's events about the honest host's container landed (if at all) under its own host.
    expect(containerName(honestId, victim)).toBe(`${PREFIX}victim`);
  }, FLOOD_MS + 120_000);
});
