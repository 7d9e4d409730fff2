// Followed logs end to end with a real agent and real containers: a ticker's new lines arrive in
// order as they are printed; the client going away closes the agent's Docker stream; a flooding
// container is capped (a dropped marker) while the server's queue stays bounded; a removed
// container and a disconnected agent end the stream, saying why. Route handlers run in-process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLogStreams, RELAY_QUEUE_BYTES, type LogChunk } from "@/lib/agents";
import { createApiToken } from "@/lib/auth";
import { GET as serviceStream } from "@/app/api/v1/services/[id]/logs/stream/route";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { addService, deployAndWait, enrolledAgent } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-logs-";
let cp: TestControlPlane;
let image: string;
let hostId: string;
let agent: AgentProcess;
let readToken: string;
const ids: Record<string, string> = {};

interface Reader {
  chunks: LogChunk[];
  /** Resolves with the first chunk (seen or to come) matching, from index `from`. */
  next(pred: (c: LogChunk) => boolean, timeoutMs: number, from?: number): Promise<LogChunk>;
  startReading(): void;
  abort(): void;
}

async function openStream(serviceId: string, query: string, token = readToken, read = true): Promise<Reader> {
  const ac = new AbortController();
  const res = await serviceStream(new Request(`http://127.0.0.1/api/v1/services/${serviceId}/logs/stream?${query}`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal }), { params: Promise.resolve({ id: serviceId }) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/x-ndjson");
  const chunks: LogChunk[] = [];
  let wake = () => {};
  const pump = async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        for (let nl = buf.indexOf("\n"); nl !== -1; nl = buf.indexOf("\n")) {
          chunks.push(JSON.parse(buf.slice(0, nl)) as LogChunk);
          buf = buf.slice(nl + 1);
        }
        wake();
      }
    } catch {
      // aborted
    }
  };
  let reading = false;
  const r: Reader = {
    chunks,
    startReading: () => {
      if (!reading) void pump();
      reading = true;
    },
    next: (pred, timeoutMs, from = 0) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching chunk within ${timeoutMs} ms; got ${JSON.stringify(chunks.slice(-3)).slice(0, 500)}`)), timeoutMs);
        const check = () => {
          const c = chunks.slice(from).find(pred);
          if (c) {
            clearTimeout(timer);
            resolve(c);
          } else wake = check;
        };
        check();
      }),
    abort: () => ac.abort(),
  };
  if (read) r.startReading();
  return r;
}

const ticks = (chunks: LogChunk[]) => chunks.flatMap((c) => (c.t === "lines" ? c.lines.map((l) => Number(/^tick (\d+)$/.exec(l.text)?.[1] ?? NaN)) : []));
const agentActive = async () => (await cp.hub.session(hostId)!.request("logs/active", {})).active;

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
  readToken = (await createApiToken(cp.t.db, { userId: cp.userId, name: "viewer", scopes: ["read"], expiresAt: null })).token;
  for (const [key, script] of [
    ["ticker", 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done'],
    ["flood", "yes 'flood flood flood flood flood flood flood flood flood flood flood flood'"],
  ] as const) {
    const s = await addService(cp.t.db, { name: `${PREFIX}${key}`, image, hostId, command: ["sh", "-c", script] });
    const d = await deployAndWait(cp.t.db, s.id);
    expect(d.status, d.error ?? "").toBe("succeeded");
    ids[key] = s.id;
  }
  await waitUntil(() => cp.t.db.containerState.count({ where: { serviceId: { in: Object.values(ids) } } }).then((n) => n === 2), 10_000, "both containers observed");
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

describe("following a service's logs (read scope is enough)", () => {
  it("delivers new lines as they are printed, in order, and closes the agent's stream when the client goes away", async () => {
    const r = await openStream(ids.ticker!, "follow=true&tail=5");
    const sources = await r.next((c) => c.t === "sources", 5_000);
    expect(sources).toMatchObject({ t: "sources", sources: [{ label: `${PREFIX}ticker` }] });
    await r.next((c) => c.t === "lines", 5_000);
    await waitUntil(async () => (await agentActive()) === 1, 5_000, "the agent to follow one stream");
    // A line printed from now on arrives within a second.
    for (let i = 0; i < 3; i++) {
      const seen = Math.max(...ticks(r.chunks));
      await waitUntil(async () => Math.max(...ticks(r.chunks)) > seen, 1_000, `a tick after ${seen}`, 20);
    }
    const got = ticks(r.chunks);
    expect(got.every((n, i) => i === 0 || n === got[i - 1]! + 1), `consecutive ticks: ${got.join(",")}`).toBe(true);

    r.abort();
    await waitUntil(async () => (await agentActive()) === 0, 5_000, "the agent's follow stream to close");
    expect(getLogStreams().figures().open).toBe(0);
  }, 30_000);

  it("caps a flooding container with a dropped marker while the server's queue stays bounded", async () => {
    const r = await openStream(ids.flood!, "follow=true&tail=0", readToken, false); // nobody reads yet
    let maxQueued = 0;
    for (let i = 0; i < 30; i++) {
      await new Promise((res) => setTimeout(res, 100));
      maxQueued = Math.max(maxQueued, getLogStreams().figures().queuedBytes);
    }
    expect(maxQueued, "the reader's queue fills").toBeGreaterThan(RELAY_QUEUE_BYTES / 2);
    expect(maxQueued, "and stays within its cap (plus one small marker)").toBeLessThanOrEqual(RELAY_QUEUE_BYTES + 1024);
    r.startReading();
    const dropped = await r.next((c) => c.t === "dropped", 10_000);
    expect(dropped).toMatchObject({ t: "dropped", src: 0 });
    expect(dropped.t === "dropped" && dropped.count).toBeGreaterThan(0);
    // The marker may come before the lines still queued (it takes the place of what was dropped).
    await r.next((c) => c.t === "lines", 10_000);
    const lines = r.chunks.flatMap((c) => (c.t === "lines" ? c.lines : []));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.text.startsWith("flood"))).toBe(true);
    r.abort();
    await waitUntil(async () => (await agentActive()) === 0, 5_000, "the flood's stream to close");
  }, 30_000);

  it("ends the stream when the container is removed, saying so", async () => {
    const r = await openStream(ids.ticker!, "follow=true&tail=1");
    await r.next((c) => c.t === "lines", 5_000);
    const rows = await cp.t.db.containerState.findMany({ where: { serviceId: ids.ticker! } });
    await docker.getContainer(rows[0]!.containerId).remove({ force: true });
    await expect(r.next((c) => c.t === "end", 10_000)).resolves.toMatchObject({ t: "end", src: 0, reason: "container_removed" });
    await expect(r.next((c) => c.t === "done", 5_000)).resolves.toEqual({ t: "done", reason: "ended" });
    await waitUntil(async () => (await agentActive()) === 0, 5_000, "the agent to forget the stream");
  }, 30_000);

  it("ends the stream when the agent disconnects, saying so", async () => {
    const r = await openStream(ids.flood!, "follow=true&tail=0");
    await r.next((c) => c.t === "lines", 5_000);
    await agent.kill("SIGKILL");
    await expect(r.next((c) => c.t === "end", 60_000)).resolves.toMatchObject({ t: "end", reason: "agent_disconnected" });
    expect(getLogStreams().figures().open).toBe(0);
  }, 90_000);
});
