import { describe, expect, it } from "vitest";
import { selectsVantage } from "./vantages";
import type { VantageSelector } from "./schemas";

describe("selectsVantage", () => {
  const lan = { id: "control-plane", kind: "lan" };
  const vps = { id: "vps-1", kind: "remote" };
  const cases: { desc: string; selectors: VantageSelector[]; v: { id: string; kind: string }; want: boolean }[] = [
    { desc: "empty means every vantage point", selectors: [], v: vps, want: true },
    { desc: "kind:lan picks the control plane", selectors: ["kind:lan"], v: lan, want: true },
    { desc: "kind:lan skips a remote agent", selectors: ["kind:lan"], v: vps, want: false },
    { desc: "an id picks exactly that one", selectors: ["vps-1"], v: vps, want: true },
    { desc: "an id skips others", selectors: ["vps-1"], v: lan, want: false },
    { desc: "selectors add up", selectors: ["kind:remote", "control-plane"], v: lan, want: true },
  ];
  for (const c of cases) it(c.desc, () => expect(selectsVantage(c.selectors, c.v)).toBe(c.want));
});
