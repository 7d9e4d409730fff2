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

describe("StatsStore under churn", () => {
  it("thousands of containers through one host leave only the live ones, history and known ids alike", () => {
    const s = new StatsStore();
    const live: string[] = [];
    let removedByEvent = 0;
    for (let i = 0; i < 10_000; i++) {
      const id = `churn${i}`;
      s.addKnown("h", id); // started (a Docker event)
      live.push(id);
      for (let k = 0; k < 3; k++) s.add("h", sample(id, k));
      if (live.length > 40) {
        // most go with a removal event; some are missed and only the next snapshot drops them
        const gone = live.shift()!;
        if (i % 7 !== 0) {
          s.removeContainer("h", gone);
          removedByEvent++;
        }
      }
      if (i % 500 === 0) s.setKnown("h", live);
    }
    s.setKnown("h", live);
    expect(removedByEvent).toBeGreaterThan(8000);
    expect(s.size).toBe(live.length);
    expect(s.knownCount).toBe(live.length);
    // A short-lived container's ring stays small; a full one holds STATS_HISTORY samples in 20 bytes each.
    expect(s.sampleBytes).toBeLessThanOrEqual(live.length * 8 * 20);
  });
  it("keeps the newest samples in order while its ring grows and wraps", () => {
    const s = new StatsStore();
    s.setKnown("h", ["c"]);
    for (let i = 0; i < 13; i++) s.add("h", sample("c", i));
    expect(s.history("h", "c").map((x) => x.cpuPercent)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    for (let i = 13; i < STATS_HISTORY * 2; i++) s.add("h", sample("c", i));
    const h = s.history("h", "c");
    expect(h.map((x) => x.cpuPercent)).toEqual(Array.from({ length: STATS_HISTORY }, (_, i) => STATS_HISTORY + i));
    expect(h.at(-1)!.memoryBytes).toBe(1000 + STATS_HISTORY * 2 - 1);
  });
  it("a host whose containers are all gone leaves nothing behind", () => {
    const s = new StatsStore();
    s.addKnown("h", "a");
    s.add("h", sample("a"));
    s.removeContainer("h", "a");
    expect(s.hostIds()).toEqual([]);
  });
});
