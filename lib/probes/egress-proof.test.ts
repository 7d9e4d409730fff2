import { describe, expect, it } from "vitest";
import { desiredEgressChecks, EGRESS_INTERVAL_SEC, servicesWithEgressCheck, withEgressProbes } from "./egress-proof";
import { cellAfter } from "./state";

const svc = (id: string, egress: string, hostId: string | null = "h1") => ({ id, name: id, egress, hostId });

describe("desiredEgressChecks", () => {
  it("gives every placed offline service an hourly proof run from its own host only", () => {
    const [d, ...rest] = desiredEgressChecks([svc("ai", "offline"), svc("web", "open")], new Set());
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ sourceKey: "egress:ai", source: "service", vantages: ["h1"], intervalSec: EGRESS_INTERVAL_SEC, spec: { type: "egress", target: { serviceId: "ai" } } });
  });
  it("keeps the proof of a service switched to open (it must fail) and drops it for an unplaced one", () => {
    const kept = desiredEgressChecks([svc("ai", "open"), svc("lost", "offline", null)], servicesWithEgressCheck(["egress:ai", "egress:lost", "route:r1", null]));
    expect(kept.map((d) => d.sourceKey)).toEqual(["egress:ai"]);
  });
});

describe("withEgressProbes", () => {
  it("adds the settings' addresses and names unless the check names its own", () => {
    const probes = { targets: ["198.51.100.9:80"], names: ["example.com"] };
    expect(withEgressProbes({ type: "egress", target: { serviceId: "s" } }, probes)).toEqual({ type: "egress", target: { serviceId: "s", ...probes } });
    expect(withEgressProbes({ type: "egress", target: { serviceId: "s", targets: ["203.0.113.5:443"], names: [] } }, probes).target).toEqual({ serviceId: "s", targets: ["203.0.113.5:443"], names: ["example.com"] });
    expect(withEgressProbes({ type: "tcp", target: { host: "198.51.100.9", port: 80 } }, probes)).toEqual({ type: "tcp", target: { host: "198.51.100.9", port: 80 } });
  });
});

describe("cellAfter", () => {
  it("makes the cell unknown, not down, when the proof had no running container", () => {
    expect(cellAfter({ status: "up", consecutiveFailures: 0 }, { ok: false, errorClass: "not_running" }, 0)).toEqual({ status: "unknown", consecutiveFailures: 0 });
    expect(cellAfter({ status: "up", consecutiveFailures: 0 }, { ok: false, errorClass: "egress_open" }, 0)).toEqual({ status: "down", consecutiveFailures: 1 });
  });
});
