import { describe, expect, it } from "vitest";
import { statusFromProbe } from "./status";

const cases = [
  { desc: "upstream answered through Homeport's entry", probe: { status: 200, fingerprint: "r1", error: null }, status: "ok" },
  { desc: "upstream's own 404 is still a working entry", probe: { status: 404, fingerprint: "r1", error: null }, status: "ok" },
  { desc: "502 with the fingerprint: upstream down", probe: { status: 502, fingerprint: "r1", error: null }, status: "upstream_down" },
  { desc: "504 with the fingerprint: upstream down", probe: { status: 504, fingerprint: "r1", error: null }, status: "upstream_down" },
  { desc: "answer without the fingerprint: shadowed", probe: { status: 200, fingerprint: null, error: null }, status: "shadowed" },
  { desc: "another entry's fingerprint: shadowed", probe: { status: 200, fingerprint: "r9", error: null }, status: "shadowed" },
  { desc: "no answer from the HTTPS listener: unverified", probe: { status: null, fingerprint: null, error: "ECONNREFUSED" }, status: "unverified" },
] as const;

describe("statusFromProbe", () => {
  for (const c of cases) {
    it(c.desc, () => {
      expect(statusFromProbe("r1", { ...c.probe }).status).toBe(c.status);
    });
  }
});
