import { describe, expect, it } from "vitest";
import { predict, summarize, type LabFacts } from "./predict";
import { finalStatus } from "./finish";

const facts: LabFacts = {
  hosts: [{ id: "lanhost", name: "nas", vantage: "lan" }, { id: "other", name: "pi", vantage: "lan" }, { id: "vps", name: "vps", vantage: "remote" }],
  services: [{ id: "web", name: "web", hostId: "lanhost", egress: "open" }, { id: "dns", name: "bind", hostId: "other", egress: "offline" }],
  routes: [
    { id: "r-both", hostname: "app.home.example", exposure: "both", serviceId: "web", lanIssues: [] },
    { id: "r-lan", hostname: "nas.home.example", exposure: "lan", serviceId: "web", lanIssues: [] },
    { id: "r-remote", hostname: "blog.example.com", exposure: "remote", serviceId: "dns", lanIssues: ["remote-only route"] },
  ],
  tunnels: [{ id: "t1", name: "home", hostId: "other" }],
  lanZones: ["home.example"],
  checks: [{ id: "c-both", sourceKey: "route:r-both" }, { id: "c-both-x", sourceKey: "route:r-both:exposure" }, { id: "c-lan", sourceKey: "route:r-lan" }, { id: "c-web", sourceKey: "service:web:8080" }],
};
const byId = (ps: ReturnType<typeof predict>) => Object.fromEntries(ps.map((p) => [p.id, p]));

describe("game-day predictions", () => {
  it("internet down on one host: its routes stay up at home, go dark from away; the host keeps its link home", () => {
    const p = byId(predict(facts, { experiment: { kind: "internet-down", hostId: "lanhost" }, hostIds: ["lanhost"] }));
    expect(p["r-both"]).toMatchObject({ lan: "up", away: "down", checkIds: ["c-both"] });
    expect(p["r-lan"]).toMatchObject({ lan: "up", away: "n/a" });
    expect(p["web"]).toMatchObject({ type: "service", lan: "up" });
    expect(p["web"]!.why).toMatch(/calls to the internet fail/);
    expect(p["lanhost"]).toMatchObject({ type: "host", away: "down" });
    expect(p["other"], "a host not in scope is not in the blast radius").toBeUndefined();
  });

  it("internet down on the whole LAN: a route whose LAN path needs the internet is predicted down at home too", () => {
    const p = byId(predict(facts, { experiment: { kind: "internet-down", hostId: null }, hostIds: ["lanhost", "other"] }));
    expect(p["r-remote"]).toMatchObject({ lan: "n/a", away: "down" });
    expect(p["r-both"]).toMatchObject({ lan: "up", away: "down" });
  });

  it("a killed service takes its routes down from every side, with their checks", () => {
    const ps = predict(facts, { experiment: { kind: "kill-service", serviceId: "web" }, hostIds: ["lanhost"] });
    const p = byId(ps);
    expect(p["web"]).toMatchObject({ lan: "down", checkIds: ["c-web"] });
    expect(p["r-both"]).toMatchObject({ lan: "down", away: "down" });
    expect(p["r-remote"]).toBeUndefined();
    expect(summarize("Service web killed", ps, 90)).toBe("Service web killed for 1 min 30 s: 2 routes, 1 service should fail or degrade, and 3 checks should notice. The agents revert it by themselves at the deadline.");
  });

  it("a cut agent shows its host offline while its services keep running", () => {
    const p = byId(predict(facts, { experiment: { kind: "cut-agent", hostId: "lanhost" }, hostIds: ["lanhost"] }));
    expect(p["lanhost"]).toMatchObject({ type: "host", lan: "down" });
    expect(p["web"]).toMatchObject({ lan: "unaffected" });
    expect(p["r-both"]).toBeUndefined();
  });

  it("a stopped tunnel connector takes remote routes down from away only; a stopped DNS server takes LAN names down at home", () => {
    const t = byId(predict(facts, { experiment: { kind: "stop-tunnel", tunnelId: "t1" }, hostIds: ["other"] }));
    expect(t["r-both"]).toMatchObject({ lan: "up", away: "down" });
    expect(t["r-remote"]).toMatchObject({ lan: "n/a", away: "down" });
    expect(t["r-lan"]).toBeUndefined();
    const d = byId(predict(facts, { experiment: { kind: "stop-dns", hostId: "other", container: "bind" }, hostIds: ["other"], serviceId: "dns" }));
    expect(d["dns"]).toMatchObject({ type: "service", lan: "down" });
    expect(d["r-lan"]).toMatchObject({ lan: "down", away: "n/a" });
    expect(d["r-both"]).toMatchObject({ lan: "down", away: "unaffected" });
    expect(d["r-remote"], "not in a LAN zone").toBeUndefined();
  });

  it("netem degrades a service and its routes; 100% loss takes them down", () => {
    expect(byId(predict(facts, { experiment: { kind: "netem", serviceId: "web", delayMs: 300, jitterMs: 0, lossPct: 0 }, hostIds: ["lanhost"] }))["r-both"]).toMatchObject({ lan: "degraded", away: "degraded" });
    expect(byId(predict(facts, { experiment: { kind: "netem", serviceId: "web", delayMs: 0, jitterMs: 0, lossPct: 100 }, hostIds: ["lanhost"] }))["web"]).toMatchObject({ lan: "down" });
  });
});

describe("how a game day ends", () => {
  const at = "2026-01-01T00:00:00.000Z";
  it("completed when every agent reverted, aborted after an abort, failed when an agent failed to revert or refused", () => {
    expect(finalStatus({ error: null, timeline: [{ at, kind: "reverted", text: "a", hostId: "h", ok: true }] })).toEqual({ status: "completed", error: null });
    expect(finalStatus({ error: null, timeline: [{ at, kind: "abort", text: "x" }, { at, kind: "reverted", text: "a", hostId: "h", ok: true }] }).status).toBe("aborted");
    expect(finalStatus({ error: null, timeline: [{ at, kind: "reverted", text: "nas failed to revert", hostId: "h", ok: false }] })).toEqual({ status: "failed", error: "nas failed to revert" });
    expect(finalStatus({ error: "pi: policy_denied", timeline: [] })).toEqual({ status: "failed", error: "pi: policy_denied" });
  });
});
