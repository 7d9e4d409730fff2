import { describe, expect, it } from "vitest";
import { routeVerdicts, sideStatus, type VerdictInput } from "./verdicts";
import type { Exposure } from "./exposure";
import type { SideVantage } from "./schemas";

const ID = "route1";
const cell = (id: string, kind: string, status: string, extra: Partial<SideVantage> = {}): SideVantage => ({
  id, name: id, kind, status, errorClass: status === "down" ? "timeout" : null, message: status === "down" ? "no answer within 10000 ms" : null,
  latencyMs: status === "up" ? 12 : null, fingerprint: status === "up" ? ID : null, lastAt: "2026-01-01T00:00:00.000Z", ...extra,
});
const OK_PARTS = [
  { part: "lan-dns" as const, status: "ok" as const, message: null },
  { part: "proxy" as const, status: "ok" as const, message: null },
  { part: "tunnel" as const, status: "ok" as const, message: null },
  { part: "public-dns" as const, status: "ok" as const, message: null },
];
const VANTAGES = [{ id: "home", name: "home", kind: "lan" }, { id: "vps", name: "vps", kind: "remote" }];

function input(exposure: Exposure, main: SideVantage[], o: Partial<VerdictInput> = {}): VerdictInput {
  return { route: { id: ID, hostname: "app.home.example", exposure }, parts: OK_PARTS, lanZone: { name: "home.example" }, tlsMode: "internal", main, exposure: [], vantages: VANTAGES, ...o };
}

describe("sameUrl", () => {
  const cases: { desc: string; in: VerdictInput; status: string; reason?: RegExp }[] = [
    { desc: "passes when both sides reach this route's entry", in: input("both", [cell("home", "lan", "up"), cell("vps", "remote", "up")]), status: "pass", reason: /same entry/ },
    { desc: "is pending before any probe", in: input("both", []), status: "pending", reason: /first probe/ },
    { desc: "is pending while one side has no result yet", in: input("both", [cell("home", "lan", "up"), cell("vps", "remote", "unknown")]), status: "pending", reason: /remote side/ },
    { desc: "fails naming the remote side and its error class", in: input("both", [cell("home", "lan", "up"), cell("vps", "remote", "down")]), status: "fail", reason: /remote side fails: vps: timeout/ },
    { desc: "fails naming the LAN side", in: input("both", [cell("home", "lan", "down", { errorClass: "refused", message: "connection refused" }), cell("vps", "remote", "up")]), status: "fail", reason: /LAN side fails: home: refused \(connection refused\)/ },
    { desc: "fails when fingerprints differ", in: input("both", [cell("home", "lan", "up", { fingerprint: "other" }), cell("vps", "remote", "up")]), status: "fail", reason: /fingerprints differ: lan saw other, remote saw route1/ },
    { desc: "fails when an answer has no fingerprint", in: input("both", [cell("home", "lan", "up"), cell("vps", "remote", "up", { fingerprint: null })]), status: "fail", reason: /no fingerprint from vps/ },
    { desc: "fails when both sides reach another route's entry", in: input("both", [cell("home", "lan", "up", { fingerprint: "x" }), cell("vps", "remote", "up", { fingerprint: "x" })]), status: "fail", reason: /not this route/ },
    { desc: "fails without a remote vantage point", in: input("both", [cell("home", "lan", "up")], { vantages: [VANTAGES[0]!] }), status: "fail", reason: /no remote vantage point/ },
    { desc: "passes with one down vantage beside an up one on the same side", in: input("both", [cell("home", "lan", "up"), cell("cp", "lan", "down"), cell("vps", "remote", "up")]), status: "pass" },
    { desc: "is not applicable to a LAN-only route and says the LAN side passes", in: input("lan", [cell("home", "lan", "up")]), status: "not-applicable", reason: /only the LAN side is required, and it passes/ },
    { desc: "is not applicable to a remote-only route and says the remote side fails", in: input("remote", [cell("vps", "remote", "down")]), status: "not-applicable", reason: /only the remote side is required, and it fails/ },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const v = routeVerdicts(c.in).verdicts.sameUrl;
      expect(v.status).toBe(c.status);
      if (c.reason) expect(v.reason).toMatch(c.reason);
    });
  }
});

describe("worksOffline", () => {
  const up = [cell("home", "lan", "up"), cell("vps", "remote", "up")];
  const cases: { desc: string; in: VerdictInput; status: string; reason?: RegExp }[] = [
    { desc: "passes with a LAN zone, applied parts, internal TLS and the LAN side up", in: input("both", up), status: "pass", reason: /LAN zone home\.example.*internal CA/ },
    { desc: "passes with a user certificate", in: input("lan", up, { tlsMode: "certificate" }), status: "pass", reason: /your certificate/ },
    { desc: "fails without a LAN zone (public DNS only)", in: input("both", up, { lanZone: null }), status: "fail", reason: /resolves only through public DNS/ },
    { desc: "fails while the LAN DNS part failed", in: input("both", up, { parts: [{ part: "lan-dns", status: "failed", message: "BIND refused" }, OK_PARTS[1]!] }), status: "fail", reason: /LAN DNS record is failed: BIND refused/ },
    { desc: "fails before the route is applied", in: input("lan", up, { parts: [] }), status: "fail", reason: /not applied yet/ },
    { desc: "is pending while the proxy part is being applied", in: input("lan", up, { parts: [OK_PARTS[0]!, { part: "proxy", status: "pending", message: null }] }), status: "pending" },
    { desc: "fails for a TLS mode that needs ACME", in: input("lan", up, { tlsMode: "acme" }), status: "fail", reason: /ACME|internet/ },
    { desc: "fails when the LAN vantage cannot reach it", in: input("lan", [cell("home", "lan", "down")]), status: "fail", reason: /LAN side fails/ },
    { desc: "is pending before the LAN probe", in: input("lan", []), status: "pending" },
    { desc: "is not applicable to a remote-only route", in: input("remote", up), status: "not-applicable" },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const v = routeVerdicts(c.in).verdicts.worksOffline;
      expect(v.status).toBe(c.status);
      if (c.reason) expect(v.reason).toMatch(c.reason);
    });
  }
});

describe("exposureMatchesIntent", () => {
  const lanUp = [cell("home", "lan", "up")];
  const cases: { desc: string; in: VerdictInput; status: string; reason?: RegExp }[] = [
    { desc: "a LAN-only route passes when remote vantages cannot reach it", in: input("lan", lanUp, { exposure: [cell("vps", "remote", "up", { fingerprint: null })] }), status: "pass", reason: /not reachable from away \(vps\)/ },
    { desc: "a LAN-only route fails naming the remote vantage that reached it", in: input("lan", lanUp, { exposure: [cell("vps", "remote", "down", { errorClass: "exposed" })] }), status: "fail", reason: /reachable from vps \(remote\).*\[exposed\]/ },
    { desc: "a LAN-only route is pending before the remote vantages tried", in: input("lan", lanUp), status: "pending" },
    { desc: "a LAN-only route fails when it does not work at home either", in: input("lan", [cell("home", "lan", "down")], { exposure: [cell("vps", "remote", "up")] }), status: "fail", reason: /LAN side fails/ },
    { desc: "a LAN-only route without remote vantages cannot be proven", in: input("lan", lanUp, { vantages: [VANTAGES[0]!] }), status: "fail", reason: /no remote vantage point/ },
    { desc: "a route exposed both ways passes when the remote side reaches it", in: input("both", [cell("home", "lan", "up"), cell("vps", "remote", "up")]), status: "pass" },
    { desc: "a remote route fails naming the remote vantage that cannot reach it", in: input("remote", [cell("vps", "remote", "down")]), status: "fail", reason: /remote vantage vps: timeout/ },
    { desc: "a remote route is pending before the first remote probe", in: input("remote", []), status: "pending" },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const v = routeVerdicts(c.in).verdicts.exposureMatchesIntent;
      expect(v.status).toBe(c.status);
      if (c.reason) expect(v.reason).toMatch(c.reason);
    });
  }
});

describe("sides", () => {
  it("a LAN-only route shows the exposure check on the remote side, expecting no answer", () => {
    const s = routeVerdicts(input("lan", [cell("home", "lan", "up")], { exposure: [cell("vps", "remote", "up", { fingerprint: null })] })).sides;
    expect(s.lan).toMatchObject({ expectation: "reachable", status: "up" });
    expect(s.remote).toMatchObject({ expectation: "unreachable", status: "up" });
    expect(s.remote.vantages.map((x) => x.id)).toEqual(["vps"]);
  });
  it("a remote-only route does not check the LAN side", () => {
    const s = routeVerdicts(input("remote", [cell("vps", "remote", "up")])).sides;
    expect(s.lan).toEqual({ expectation: "not-checked", status: "unknown", vantages: [] });
    expect(s.remote.status).toBe("up");
  });
  const table: { desc: string; cells: string[]; exp: "reachable" | "unreachable"; want: string }[] = [
    { desc: "reachable: one up is enough", cells: ["up", "down"], exp: "reachable", want: "up" },
    { desc: "reachable: all down", cells: ["down"], exp: "reachable", want: "down" },
    { desc: "unreachable: one vantage getting through is down", cells: ["up", "down"], exp: "unreachable", want: "down" },
    { desc: "no result yet is unknown", cells: ["unknown"], exp: "reachable", want: "unknown" },
  ];
  for (const c of table) it(c.desc, () => expect(sideStatus(c.cells.map((st, i) => cell(`v${i}`, "lan", st)), c.exp)).toBe(c.want));
});
