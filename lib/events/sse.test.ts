import { describe, expect, it } from "vitest";
import { EventBus } from "./bus";
import { SSE_MAX_QUEUED_BYTES, eventStreamResponse } from "./sse";
import { parseLiveEventData, type LiveEvent } from "./schemas";

const sample = (serviceId: string | null, i = 0): LiveEvent => ({
  type: "stats/sample",
  hostId: "h1",
  sample: { containerId: `c${i}`, serviceId, at: new Date(0).toISOString(), cpuPercent: 1, memoryBytes: 2, memoryLimitBytes: 3 },
});
const removed = (i: number, pad = ""): LiveEvent => ({ type: "container/removed", hostId: "h1", containerId: `c${i}${pad}`, serviceId: "s1" });

interface Reader {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** A read still waiting from the previous call (it keeps its chunk for the next). */
  pending: Promise<ReadableStreamReadResult<Uint8Array>> | null;
}

/** Reads what the stream has ready now (a browser that reads only when asked). */
async function readReady(res: Response, r: Reader = { reader: res.body!.getReader(), pending: null }): Promise<{ text: string; bytes: number; reader: Reader }> {
  const dec = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    r.pending ??= r.reader.read();
    const got = await Promise.race([r.pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 50))]);
    if (!got) break;
    r.pending = null;
    if (got.done) break;
    bytes += got.value.byteLength;
    text += dec.decode(got.value, { stream: true });
  }
  return { text, bytes, reader: r };
}

const eventsIn = (text: string) => text.split("\n\n").filter((b) => b.startsWith("data: ")).map((b) => parseLiveEventData(b.slice(6))).filter((e): e is LiveEvent => e !== null);

describe("eventStreamResponse", () => {
  it("an unfiltered stream gets no stats samples; a service-filtered one and one asking with stats get them", async () => {
    const bus = new EventBus();
    const ac = new AbortController();
    const plain = eventStreamResponse(bus, {}, ac.signal);
    const byService = eventStreamResponse(bus, { serviceId: "s1" }, ac.signal);
    const asking = eventStreamResponse(bus, { stats: true }, ac.signal);
    bus.publish(sample("s1"));
    bus.publish(removed(1));
    const [a, b, c] = await Promise.all([plain, byService, asking].map((r) => readReady(r)));
    expect(eventsIn(a!.text).map((e) => e.type)).toEqual(["container/removed"]);
    expect(eventsIn(b!.text).map((e) => e.type)).toEqual(["stats/sample", "container/removed"]);
    expect(eventsIn(c!.text).map((e) => e.type)).toEqual(["stats/sample", "container/removed"]);
    expect(bus.streams.open).toBe(3);
    ac.abort();
    expect(bus.streams.open).toBe(0);
  });

  it("a stalled reader under a flood holds a bounded queue, is told to resync, and the drops are counted", async () => {
    const bus = new EventBus();
    const ac = new AbortController();
    const res = eventStreamResponse(bus, {}, ac.signal);
    const pad = "x".repeat(1000);
    const FLOOD = 20_000; // ~20 MB of events, twenty times the bound
    for (let i = 0; i < FLOOD; i++) bus.publish(removed(i, pad));
    const first = await readReady(res);
    // What the stalled stream kept is within its bound (plus the chunk already handed to the response).
    expect(first.bytes).toBeLessThan(SSE_MAX_QUEUED_BYTES + 128 * 1024);
    const got = eventsIn(first.text);
    const resync = got.find((e) => e.type === "stream/resync");
    expect(resync).toBeDefined();
    const delivered = got.filter((e) => e.type === "container/removed").length;
    expect(bus.streams.dropped).toBe(FLOOD - delivered);
    expect(resync && resync.type === "stream/resync" && resync.dropped).toBeGreaterThan(0);
    expect(bus.streams.resyncs).toBeGreaterThanOrEqual(1);
    // Caught up, the stream carries new events again.
    bus.publish(removed(-1));
    const after = await readReady(res, first.reader);
    expect(eventsIn(after.text)).toEqual([removed(-1)]);
    ac.abort();
  });

  it("serializes an event once for every stream that carries it", () => {
    const bus = new EventBus();
    const frames = new Set<Uint8Array>();
    for (let i = 0; i < 5; i++) bus.subscribe((_e, frame) => void frames.add(frame()));
    bus.publish(removed(1));
    expect(frames.size).toBe(1);
  });

  it("a stream ending for its owner still delivers what was queued, then its last words", async () => {
    const bus = new EventBus();
    const ac = new AbortController();
    let end: (reason: string) => void = () => {};
    const res = eventStreamResponse(bus, {}, ac.signal, { endWhen: (e) => ((end = e), () => {}) });
    for (let i = 0; i < 200; i++) bus.publish(removed(i, "y".repeat(1000)));
    end("revoked");
    const { text } = await readReady(res);
    expect(eventsIn(text)).toHaveLength(200);
    expect(text.trimEnd().endsWith(`event: end\ndata: {"reason":"revoked"}`)).toBe(true);
  });
});

describe("EventBus and stats samples", () => {
  it("calls only listeners that asked for stats with them, and says whether anyone asks", () => {
    const bus = new EventBus();
    const plain: string[] = [];
    const stats: string[] = [];
    bus.subscribe((e) => void plain.push(e.type));
    expect(bus.wantsStats).toBe(false);
    const off = bus.subscribe((e) => void stats.push(e.type), { stats: true });
    expect(bus.wantsStats).toBe(true);
    bus.publish(sample("s1"));
    bus.publish(removed(1));
    expect(plain).toEqual(["container/removed"]);
    expect(stats).toEqual(["stats/sample", "container/removed"]);
    off();
    expect(bus.wantsStats).toBe(false);
    expect(bus.size).toBe(1);
  });

  it("a stream with a service filter asks the bus for stats; an unfiltered one does not", () => {
    const bus = new EventBus();
    const ac = new AbortController();
    eventStreamResponse(bus, {}, ac.signal);
    expect(bus.wantsStats).toBe(false);
    eventStreamResponse(bus, { serviceId: "s1" }, ac.signal);
    expect(bus.wantsStats).toBe(true);
    ac.abort();
    expect(bus.wantsStats).toBe(false);
  });
});
