// The event stream under load, through the real route handler over loopback HTTP: stats samples
// reach only the streams that ask for them (the bulk of all events at a thousand agents), and a
// browser that stops reading while the hub floods the bus costs the server a bounded queue and
// gets a `stream/resync` when it reads again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { openEventStream, type SseClient } from "../agents/helpers/sse-client";
import { connectAgent, containers, createHosts } from "../agents/helpers/fake-agents";
import { SSE_MAX_QUEUED_BYTES, type LiveEvent } from "@/lib/events";
import { AGENT_WS_PATH } from "@/lib/protocol";

let cp: TestControlPlane;
const clients: SseClient[] = [];

beforeAll(async () => {
  cp = await startTestControlPlane();
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await cp?.close();
});

const sample = (serviceId: string, i: number): LiveEvent => ({
  type: "stats/sample",
  hostId: "h-load",
  sample: { containerId: `c${i}`, serviceId, at: new Date().toISOString(), cpuPercent: i, memoryBytes: 1, memoryLimitBytes: 2 },
});
const marker = (i: number): LiveEvent => ({ type: "container/removed", hostId: "h-load", containerId: `m${i}`, serviceId: "svc-a" });

async function open(query: string): Promise<SseClient> {
  const c = await openEventStream(`${cp.url}/api/v1/events${query}`, cp.apiToken);
  clients.push(c);
  return c;
}

describe("stats on the event stream", () => {
  it("an unfiltered stream gets no stats samples; a service-filtered one and ?stats=1 do", async () => {
    const [plain, service, asking] = [await open(""), await open("?serviceId=svc-a"), await open("?stats=1")];
    for (let i = 0; i < 50; i++) cp.hub.bus.publish(sample(i % 2 ? "svc-a" : "svc-b", i));
    cp.hub.bus.publish(marker(1));
    await Promise.all([plain, service, asking].map((c) => c.waitFor((e) => e.type === "container/removed", 5_000)));
    const stats = (c: SseClient) => c.events.filter((r) => r.event.type === "stats/sample").length;
    expect(stats(plain)).toBe(0);
    expect(stats(service)).toBe(25);
    expect(stats(asking)).toBe(50);
    for (const c of clients.splice(0)) c.close();
  });
});

describe("stats from an agent", () => {
  it("are kept for the charts always, and reach a service page's stream live while only that one asks", async () => {
    const [host] = await createHosts(cp.t.db, 1, "stats-");
    const agent = await connectAgent(`${cp.url.replace("http:", "ws:")}${AGENT_WS_PATH}`, host!);
    const cs = containers(4, ["svc-live", "svc-other"], "stats");
    agent.send("agent/snapshot", { at: new Date().toISOString(), containers: cs });
    const samples = (k: number) => cs.map((c) => ({ containerId: c.id, serviceId: c.serviceId, at: new Date().toISOString(), cpuPercent: k, memoryBytes: 1, memoryLimitBytes: 2 }));
    const plain = await open("");
    agent.send("stats/sample", { samples: samples(1) });
    const deadline = Date.now() + 5_000;
    while (cp.hub.statsHistory(host!.id, cs[0]!.id).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(cp.hub.statsHistory(host!.id, cs[0]!.id)).toHaveLength(1);
    const page = await open("?serviceId=svc-live");
    agent.send("stats/sample", { samples: samples(2) });
    await page.waitFor((e) => e.type === "stats/sample" && e.sample.cpuPercent === 2, 5_000);
    const live = page.events.filter((r) => r.event.type === "stats/sample");
    expect(live.map((r) => (r.event.type === "stats/sample" ? r.event.sample.serviceId : null))).toEqual(["svc-live", "svc-live"]);
    expect(plain.events.some((r) => r.event.type === "stats/sample")).toBe(false);
    for (const c of clients.splice(0)) c.close();
    await agent.close();
  });
});

describe("a stalled browser", () => {
  it("under a flood it is dropped to a bounded queue, told to resync, and the drops are counted", async () => {
    const ac = new AbortController();
    const res = await fetch(`${cp.url}/api/v1/events`, { headers: { authorization: `Bearer ${cp.apiToken}` }, signal: ac.signal });
    const reader = res.body!.getReader(); // opened, then not read: a stalled tab
    const droppedBefore = cp.hub.bus.streams.dropped;
    const pad = "p".repeat(2000);
    const FLOOD = 10_000; // ~20 MB published while it does not read
    for (let i = 0; i < FLOOD; i++) {
      cp.hub.bus.publish({ type: "container/removed", hostId: "h-load", containerId: `f${i}${pad}`, serviceId: null });
      if (i % 500 === 0) await new Promise((r) => setImmediate(r)); // let the sockets fill up
    }
    expect(cp.hub.bus.streams.dropped - droppedBefore).toBeGreaterThan(FLOOD / 2);
    // Reading now: what was kept is bounded (the queue, plus what the sockets buffered), then a resync.
    const dec = new TextDecoder();
    let tail = "";
    let bytes = 0;
    let resynced = false;
    while (!resynced) {
      const r = await reader.read();
      if (r.done) break;
      bytes += r.value.byteLength;
      tail = (tail + dec.decode(r.value, { stream: true })).slice(-64 * 1024);
      resynced = /"type":"stream\/resync","dropped":[1-9]/.test(tail);
    }
    expect(resynced).toBe(true);
    expect(bytes).toBeLessThan(SSE_MAX_QUEUED_BYTES + 8 * 1024 * 1024);
    ac.abort();
  }, 60_000);
});
