// The attention list: every kind of broken thing appears, a deliberate stop does not, the order
// puts outages first and hints last, and "All clear" only holds when nothing is broken.
import { describe, expect, it } from "vitest";
import { allClear, buildAttention, containerProblem, type AttentionFacts } from "./attention";

const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min));

function facts(over: Partial<AttentionFacts> = {}): AttentionFacts {
  return {
    incidents: [], brokenServices: [], failedDeploys: [], routes: [], offlineHosts: [], revokedHosts: [], dnsZones: [],
    caddy: null, tunnels: [], unplaced: { count: 0, first: null }, totpOff: false, ...over,
  };
}

const everything = facts({
  incidents: [{ checkId: "c1", checkName: "nas web", kind: "down", startedAt: t(2), message: "connection refused", acknowledgedBy: null, routeId: null }],
  brokenServices: [{ id: "s1", name: "jellyfin", state: "exited", health: null, exitCode: 137, hostName: "nas", since: t(3) }],
  failedDeploys: [{ serviceId: "s2", name: "immich", error: "image not found", at: t(4) }],
  routes: [{ routeId: "r1", hostname: "photos.home.example", lanDown: false, remoteDown: true, failedParts: [], message: "timeout", since: t(5) }],
  offlineHosts: [{ id: "h1", name: "pi", lastSeenAt: t(1) }],
  revokedHosts: [{ id: "h2", name: "old", services: 2 }],
  dnsZones: [{ id: "z1", name: "home.example", error: "REFUSED", failing: true, drift: 0, since: t(6) }, { id: "z2", name: "lab.example", error: null, failing: false, drift: 3, since: t(7) }],
  caddy: { status: "unreachable", detail: "connect ECONNREFUSED", routes: 4, since: t(8) },
  tunnels: [{ id: "t1", name: "cf", status: "unauthorized", detail: null, remoteRoutes: 1, since: t(9) }],
  unplaced: { count: 1, first: { id: "s3", name: "draft" } },
  totpOff: true,
});

describe("buildAttention", () => {
  it("lists each kind of broken thing with a link to where to act", () => {
    const items = buildAttention(everything);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(byKind.incident).toMatchObject({ title: "nas web is down", detail: "connection refused", href: "/reachability/checks/c1", since: t(2).toISOString() });
    expect(byKind["service-down"]).toMatchObject({ title: "jellyfin is exited (code 137)", href: "/services/s1" });
    expect(byKind["deploy-failed"]).toMatchObject({ title: "Deploy of immich failed", detail: "image not found", href: "/services/s2" });
    expect(byKind["route-side"]).toMatchObject({ title: "photos.home.example: remote side down", href: "/routes/r1" });
    expect(byKind["agent-offline"]).toMatchObject({ title: "Host pi is disconnected", href: "/hosts/h1" });
    expect(byKind["agent-revoked"]).toMatchObject({ title: "Host old is revoked", href: "/hosts/h2" });
    expect(byKind["dns-error"]).toMatchObject({ title: "DNS zone home.example failed to sync", detail: "REFUSED", href: "/dns" });
    expect(byKind["dns-drift"]).toMatchObject({ title: "DNS zone lab.example has drifted", detail: "3 records differ from what Homeport applied." });
    expect(byKind["caddy-unreachable"]).toMatchObject({ title: "Caddy is not reachable", detail: "4 routes depend on it: connect ECONNREFUSED", href: "/ingress" });
    expect(byKind["tunnel-unreachable"]).toMatchObject({ title: "Tunnel cf is unauthorized" });
    expect(byKind["unplaced-service"]).toMatchObject({ title: "draft has no host", href: "/services/s3" });
    expect(byKind["totp-off"]).toMatchObject({ href: "/settings", severity: "info" });
    expect(items).toHaveLength(12);
  });

  it("orders outages first, then warnings, and security hints last", () => {
    const items = buildAttention(everything);
    const ranks = items.map((i) => ({ critical: 0, warning: 1, info: 2 })[i.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(items[0]!.kind).toBe("incident");
    expect(items.at(-1)!.kind).toBe("totp-off");
    expect(items.findIndex((i) => i.kind === "service-down")).toBeLessThan(items.findIndex((i) => i.kind === "dns-error"));
  });

  it("puts the longest outage of a kind first and an acknowledged one below unacknowledged ones", () => {
    const items = buildAttention(facts({
      incidents: [
        { checkId: "new", checkName: "new", kind: "down", startedAt: t(30), message: null, acknowledgedBy: null, routeId: null },
        { checkId: "acked", checkName: "acked", kind: "down", startedAt: t(1), message: null, acknowledgedBy: "bob", routeId: null },
        { checkId: "old", checkName: "old", kind: "down", startedAt: t(10), message: null, acknowledgedBy: null, routeId: null },
      ],
    }));
    expect(items.map((i) => i.title)).toEqual(["old is down", "new is down", "acked is down"]);
    expect(items[2]!.detail).toBe("acknowledged by bob");
  });

  it("tells a route's outage once, as the route, not also as its check's incident", () => {
    const items = buildAttention(facts({
      incidents: [{ checkId: "c9", checkName: "photos.home.example", kind: "down", startedAt: t(1), message: null, acknowledgedBy: null, routeId: "r1" }],
      routes: [{ routeId: "r1", hostname: "photos.home.example", lanDown: true, remoteDown: true, failedParts: ["proxy entry"], message: null, since: t(1) }],
    }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "route-side", severity: "critical", title: "photos.home.example: LAN and remote sides down; proxy entry failed" });
  });

  it("is all clear with nothing broken, even with hints; not with one outage", () => {
    expect(allClear(buildAttention(facts()))).toBe(true);
    expect(allClear(buildAttention(facts({ totpOff: true, unplaced: { count: 3, first: null } })))).toBe(true);
    expect(allClear(buildAttention(facts({ failedDeploys: [{ serviceId: "s", name: "x", error: null, at: t(1) }] })))).toBe(false);
    expect(allClear(buildAttention(facts({ dnsZones: [{ id: "z", name: "z", error: null, failing: false, drift: 1, since: null }] })))).toBe(false);
  });
});

describe("containerProblem", () => {
  it("words a container's trouble", () => {
    expect(containerProblem({ state: "exited", health: null, exitCode: 1 })).toBe("exited (code 1)");
    expect(containerProblem({ state: "running", health: "unhealthy", exitCode: null })).toBe("unhealthy");
    expect(containerProblem({ state: "restarting", health: null, exitCode: null })).toBe("restarting");
  });
});
