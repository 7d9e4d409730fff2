import { describe, expect, it } from "vitest";
import { MAX_STATS_CONTAINERS_PER_HOST, STATS_HISTORY, StatsStore } from "./stats-store";

const sample = (containerId: string, i = 0) => ({ containerId, serviceId: "svc", cpuPercent: i, memoryBytes: 1000 + i, memoryLimitBytes: 4096, at: new Date(1_700_000_000_000 + i * 1000).toISOString() });

describe("StatsStore", () => {
  it("keeps samples per host, only for containers that host reported", () => {
    const s = new StatsStore();
    s.setKnown("h1", ["c1"]);
    s.setKnown("h2", ["c2"]);
    expect(s.add("h1", sample("c1"))).toBe(true);
    // h2 cannot write into h1's container, nor invent containers.
    expect(s.add("h2", sample("c1"))).toBe(false);
    expect(s.add("h2", sample("made-up"))).toBe(false);
    expect(s.history("h1", "c1")).toHaveLength(1);
    expect(s.history("h2", "c1")).toHaveLength(0);
  });
  it("keeps a fixed ring per container, oldest first", () => {
    const s = new StatsStore();
    s.setKnown("h", ["c"]);
    for (let i = 0; i < STATS_HISTORY + 30; i++) s.add("h", sample("c", i));
    const h = s.history("h", "c");
    expect(h).toHaveLength(STATS_HISTORY);
    expect(h[0]!.cpuPercent).toBe(30);
    expect(h.at(-1)!.cpuPercent).toBe(STATS_HISTORY + 29);
    expect(h.at(-1)!.at).toBe(sample("c", STATS_HISTORY + 29).at);
  });
  it("prunes what a snapshot no longer lists, removed containers and revoked hosts", () => {
    const s = new StatsStore();
    s.setKnown("h", ["a", "b"]);
    s.add("h", sample("a"));
    s.add("h", sample("b"));
    s.setKnown("h", ["b"]);
    expect(s.history("h", "a")).toHaveLength(0);
    s.removeContainer("h", "b");
    expect(s.size).toBe(0);
    s.addKnown("h", "c");
    s.add("h", sample("c"));
    s.removeHost("h");
    expect(s.size).toBe(0);
  });
  it("tracks at most MAX_STATS_CONTAINERS_PER_HOST containers per host", () => {
    const s = new StatsStore();
    s.setKnown("h", Array.from({ length: MAX_STATS_CONTAINERS_PER_HOST + 500 }, (_, i) => `c${i}`));
    for (let i = 0; i < MAX_STATS_CONTAINERS_PER_HOST + 500; i++) s.add("h", sample(`c${i}`));
    expect(s.size).toBe(MAX_STATS_CONTAINERS_PER_HOST);
    for (let i = 0; i < 100; i++) s.addKnown("h", `extra${i}`);
    expect(s.add("h", sample("extra1"))).toBe(false);
  });
});
