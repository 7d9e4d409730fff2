// The event stream under load, through the real route handler over loopback HTTP: stats samples
// reach only the streams that ask for them (the bulk of all events at a thousand agents), and a
// browser that stops reading while the hub floods the bus costs the server a bounded queue and
// gets a `stream/resync` when it reads again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { openEventStream, type SseClient } from "../agents/helpers/sse-client";
import { SSE_MAX_QUEUED_BYTES, type LiveEvent } from "@/lib/events";

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
