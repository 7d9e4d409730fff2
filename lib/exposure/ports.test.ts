import { describe, expect, it } from "vitest";
import { scanPorts } from "./ports";
import { TOP_TCP_PORTS } from "./top-ports";
import { MAX_SCAN_PORTS } from "./schemas";

describe("scan port lists", () => {
  it("the committed top list holds 1,000 unique ports, with the usual suspects", () => {
    expect(new Set(TOP_TCP_PORTS).size).toBe(1000);
    for (const p of [21, 22, 23, 25, 53, 80, 443, 3306, 3389, 5432, 8080]) expect(TOP_TCP_PORTS).toContain(p);
  });

  it("default adds the admin ports, SSH, the published and needed ports to the top 1,000", () => {
    const ports = scanPorts("default", [31337], [44444]);
    for (const p of [2375, 2376, 2019, 6379, 27017, 9200, 22, 31337, 44444, 80]) expect(ports).toContain(p);
    expect(ports).toEqual([...new Set(ports)].sort((a, b) => a - b));
    expect(ports.length).toBeLessThanOrEqual(MAX_SCAN_PORTS);
  });

  it("published scans only the lab's own ports; an explicit list is cleaned and capped", () => {
    expect(scanPorts("published", [8080, 8080, 443], [80])).toEqual([80, 443, 8080]);
    expect(scanPorts([5, 5, 70000, 0, 3], [], [])).toEqual([3, 5]);
    expect(scanPorts(Array.from({ length: 3000 }, (_, i) => i + 1), [], []).length).toBe(MAX_SCAN_PORTS);
  });

  it("never exceeds the cap even when the lab publishes more ports than it holds", () => {
    const many = Array.from({ length: 2500 }, (_, i) => 10000 + i);
    const ports = scanPorts("default", many, []);
    expect(ports.length).toBe(MAX_SCAN_PORTS);
  });
});
