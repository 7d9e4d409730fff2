import { describe, expect, it } from "vitest";
import type { LiveEvent } from "@/lib/events/schemas";
import { LiveConnection, type StreamHandlers } from "./connection";
import { EVENTS_PATH } from "./filter";
import { manualClock } from "./manual-clock";
import { REOPEN_MIN_MS } from "./state";

interface FakeStream {
  url: string;
  h: StreamHandlers;
  closed: boolean;
}

function harness() {
  const streams: FakeStream[] = [];
  const clock = manualClock();
  const queued: (() => void)[] = [];
  const reported: unknown[] = [];
  const conn = new LiveConnection({
    open: (url, h) => {
      const s: FakeStream = { url, h, closed: false };
      streams.push(s);
      return { close: () => void (s.closed = true) };
    },
    clock,
    defer: (fn) => void queued.push(fn),
    report: (err) => void reported.push(err),
  });
  return {
    conn,
    streams,
    clock,
    reported,
    /** Ends the current batch of (un)subscriptions, as the end of a React commit does. */
    commit: () => {
      while (queued.length) queued.shift()!();
    },
    open: () => streams.filter((s) => !s.closed),
  };
}

const send = (s: FakeStream, e: LiveEvent) => s.h.onMessage(JSON.stringify(e));
const hostStatus = (hostId: string): LiveEvent => ({
  type: "host/status",
  hostId,
  status: { hostId, name: hostId, online: true, revoked: false, lastSeenAt: null, agentVersion: null, protocolVersion: null, hostname: null, docker: null, versionMismatch: null },
});
const removed = (hostId: string, serviceId: string | null): LiveEvent => ({ type: "container/removed", hostId, containerId: "c", serviceId });
const statusChange: LiveEvent = { type: "checks/status", checks: [{ checkId: "k1", status: "down" }] };

describe("LiveConnection", () => {
  it("every component of a page shares one stream, narrowed to their common service, closed when the last leaves", () => {
    const t = harness();
    const offs = [0, 1, 2].map(() => t.conn.subscribe({ filter: { serviceId: "s1" } }));
    t.commit();
    expect(t.streams.map((s) => s.url)).toEqual([`${EVENTS_PATH}?serviceId=s1`]);
    offs[0]!();
    offs[1]!();
    t.commit();
    expect(t.open()).toHaveLength(1);
    offs[2]!();
    t.commit();
    expect(t.open()).toHaveLength(0);
    expect(t.conn.streamsOpened).toBe(1);
  });

  it("subscribers with different scopes share one unfiltered stream; each gets only what it asked for", () => {
    const t = harness();
    const got: Record<string, string[]> = { host: [], service: [], checks: [] };
    t.conn.subscribe({ filter: { hostId: "h1" }, onEvent: (e) => got.host!.push(e.type) });
    t.conn.subscribe({ filter: { serviceId: "s1" }, onEvent: (e) => got.service!.push(e.type) });
    t.conn.subscribe({ filter: { types: ["checks/status"] }, onEvent: (e) => got.checks!.push(e.type) });
    t.commit();
    expect(t.streams.map((s) => s.url)).toEqual([EVENTS_PATH]);
    const s = t.open()[0]!;
    send(s, hostStatus("h1"));
    send(s, hostStatus("h2"));
    send(s, removed("h2", "s1"));
    send(s, statusChange);
    s.h.onMessage("{not json");
    s.h.onMessage(JSON.stringify({ type: "shell/exec", cmd: "reboot" }));
    expect(got).toEqual({ host: ["host/status"], service: ["container/removed"], checks: ["checks/status"] });
    expect(t.reported).toEqual([]);
  });

  it("a component asking for another scope later moves the page to one unfiltered stream, which refetches on open", () => {
    const t = harness();
    let refetches = 0;
    t.conn.subscribe({ filter: { serviceId: "s1" }, onOpen: () => refetches++ });
    t.commit();
    t.open()[0]!.h.onOpen();
    t.conn.subscribe({ filter: {} });
    t.commit();
    expect(t.streams.map((s) => [s.url, s.closed])).toEqual([[`${EVENTS_PATH}?serviceId=s1`, true], [EVENTS_PATH, false]]);
    t.open()[0]!.h.onOpen();
    expect(refetches).toBe(2);
  });

  it("every open, the first included, asks each subscriber to refetch; shared work runs once per key, before the subscribers'", () => {
    const t = harness();
    const calls: string[] = [];
    const shared = { key: "agents", onOpen: () => calls.push("shared open"), onEvent: (e: LiveEvent) => calls.push(`shared ${e.type}`) };
    t.conn.subscribe({ filter: { hostId: "h1" }, shared, onOpen: () => calls.push("badge open"), onEvent: (e) => calls.push(`badge ${e.type}`) });
    t.conn.subscribe({ filter: { hostId: "h1" }, shared, onOpen: () => calls.push("containers open"), onEvent: (e) => calls.push(`containers ${e.type}`) });
    t.commit();
    const s = t.open()[0]!;
    s.h.onOpen();
    send(s, hostStatus("h1"));
    expect(calls).toEqual(["shared open", "badge open", "containers open", "shared host/status", "badge host/status", "containers host/status"]);
    calls.length = 0;
    s.h.onError(false);
    s.h.onOpen();
    expect(calls).toEqual(["shared open", "badge open", "containers open"]);
  });

  it("a resync from the server (it dropped events this page was too slow for) makes everyone refetch, as a reopen does", () => {
    const t = harness();
    const calls: string[] = [];
    const shared = { key: "agents", onOpen: () => calls.push("shared open"), onEvent: (e: LiveEvent) => calls.push(`shared ${e.type}`) };
    t.conn.subscribe({ filter: {}, shared, onOpen: () => calls.push("hosts open"), onEvent: (e) => calls.push(`hosts ${e.type}`) });
    t.conn.subscribe({ filter: { types: ["checks/status"] }, onOpen: () => calls.push("checks open"), onEvent: (e) => calls.push(`checks ${e.type}`) });
    t.commit();
    const s = t.open()[0]!;
    s.h.onOpen();
    calls.length = 0;
    send(s, { type: "stream/resync", dropped: 42 });
    expect(calls).toEqual(["shared open", "hosts open", "checks open"]);
    expect(t.streams).toHaveLength(1); // the same stream goes on
  });

  it("Live, then Reconnecting… while the browser retries the same stream; one it gave up on is reopened with growing backoff", () => {
    const t = harness();
    let changes = 0;
    t.conn.watch(() => changes++);
    t.conn.subscribe({ filter: {} });
    t.commit();
    expect(t.conn.getState().status).toBe("connecting");
    t.clock.advance(1_000);
    t.open()[0]!.h.onOpen();
    expect(t.conn.getState()).toMatchObject({ status: "live", lastHeardAt: 1_000 });
    t.clock.advance(4_000);
    send(t.open()[0]!, statusChange);
    expect(t.conn.getState().lastHeardAt).toBe(5_000);

    t.open()[0]!.h.onError(false);
    expect(t.conn.getState().status).toBe("reconnecting");
    expect(t.conn.streamsOpened).toBe(1);
    t.open()[0]!.h.onError(true);
    expect(t.open()).toHaveLength(0);
    t.clock.advance(2 * REOPEN_MIN_MS - 1); // two failures: the second wait
    expect(t.open()).toHaveLength(0);
    t.clock.advance(1);
    expect(t.open()).toHaveLength(1);
    t.open()[0]!.h.onOpen();
    expect(t.conn.getState()).toMatchObject({ status: "live", failures: 0 });
    expect(changes).toBeGreaterThanOrEqual(5);
  });

  it("offline, it says so; back online, a stream that is not open is reopened at once", () => {
    const t = harness();
    t.conn.subscribe({ filter: {} });
    t.commit();
    t.open()[0]!.h.onOpen();
    t.conn.setOnline(false);
    expect(t.conn.getState().status).toBe("offline");
    t.open()[0]!.h.onError(true);
    expect(t.conn.getState().status).toBe("offline");
    expect(t.clock.pending()).toBe(1);
    t.conn.setOnline(true);
    expect(t.conn.getState().status).toBe("reconnecting");
    expect(t.clock.pending()).toBe(0);
    expect(t.open()).toHaveLength(1);
    expect(t.conn.streamsOpened).toBe(2);
  });

  it("back online, a stream that never reported an error is reopened too (it may have died silently), and the page goes live on its open", () => {
    const t = harness();
    const opens: number[] = [];
    t.conn.subscribe({ filter: {}, onOpen: () => opens.push(t.clock.now()) });
    t.commit();
    t.open()[0]!.h.onOpen();
    t.conn.setOnline(false);
    expect(t.conn.getState().status).toBe("offline");
    // The browser kept the old stream "open" through the outage: no error came.
    t.conn.setOnline(true);
    expect(t.conn.getState().status).toBe("reconnecting");
    expect(t.conn.streamsOpened).toBe(2);
    const [fresh] = t.open();
    expect(fresh).toBeDefined();
    fresh!.h.onOpen();
    expect(t.conn.getState().status).toBe("live");
    // Every open told the subscriber to refetch what it missed.
    expect(opens).toHaveLength(2);
    // A repeated "online" while already online and open does not churn the stream.
    t.conn.setOnline(true);
    expect(t.conn.streamsOpened).toBe(2);
  });

  it("ignores a replaced stream's late callbacks and a reopen after the page left", () => {
    const t = harness();
    const got: string[] = [];
    const offA = t.conn.subscribe({ filter: { serviceId: "s1" }, onEvent: (e) => got.push(e.type) });
    t.commit();
    const old = t.streams[0]!;
    const offB = t.conn.subscribe({ filter: {} });
    t.commit();
    send(old, removed("h1", "s1"));
    old.h.onOpen();
    expect(got).toEqual([]);
    expect(t.conn.getState().status).toBe("connecting");

    t.open()[0]!.h.onError(true);
    offA();
    offB();
    t.commit();
    t.clock.advance(60_000);
    expect(t.conn.streamsOpened).toBe(2);
    expect(t.open()).toHaveLength(0);
  });

  it("a subscriber that throws is reported and the others still get the event", () => {
    const t = harness();
    const got: string[] = [];
    t.conn.subscribe({ filter: {}, onEvent: () => { throw new Error("bug"); } });
    t.conn.subscribe({ filter: {}, onEvent: (e) => got.push(e.type) });
    t.commit();
    send(t.open()[0]!, statusChange);
    expect(got).toEqual(["checks/status"]);
    expect(t.reported).toHaveLength(1);
  });

  it("the next page starts from Connecting… after the last subscriber left", () => {
    const t = harness();
    const off = t.conn.subscribe({ filter: {} });
    t.commit();
    t.open()[0]!.h.onOpen();
    off();
    t.commit();
    expect(t.conn.getState().status).toBe("connecting");
  });
});
