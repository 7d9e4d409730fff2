import type { Exposure } from "@/lib/routes/exposure";
import { describe, expect, it } from "vitest";
import { desiredAutoChecks, planAutoChecks, USER_CERT_MIN_DAYS, type ServiceFacts, type RouteFacts } from "./auto-checks";

describe("desiredAutoChecks", () => {
  const routeCases: { desc: string; exposure: Exposure; vantages: string[] }[] = [
    { desc: "a LAN route runs from LAN vantage points", exposure: "lan", vantages: ["kind:lan"] },
    { desc: "a remote route runs from remote vantage points", exposure: "remote", vantages: ["kind:remote"] },
    { desc: "a route exposed both ways runs everywhere", exposure: "both", vantages: [] },
  ];
  for (const c of routeCases) {
    it(c.desc, () => {
      const routes: RouteFacts[] = [{ id: "r1", hostname: "app.home.example", exposure: c.exposure }];
      const [d] = desiredAutoChecks(routes, []);
      expect(d?.sourceKey).toBe("route:r1");
      expect(d?.spec).toMatchObject({ type: "https", target: { url: "https://app.home.example/" } });
      expect(d?.vantages).toEqual(c.vantages);
    });
  }

  const svc = (ports: ServiceFacts["ports"], hostAddresses = ["192.0.2.10"]): ServiceFacts => ({ id: "s1", name: "web", ports, hostAddresses });
  const portCases: { desc: string; service: ServiceFacts; want: { key: string; host: string; port: number }[] }[] = [
    { desc: "an unpublished port gets no check", service: svc([{ container: 80 }]), want: [] },
    { desc: "a port published on 127.0.0.1 is not reachable from elsewhere", service: svc([{ container: 80, host: 8080, hostIp: "127.0.0.1" }]), want: [] },
    { desc: "0.0.0.0 is probed on the host's LAN address", service: svc([{ container: 80, host: 8080, hostIp: "0.0.0.0" }]), want: [{ key: "service:s1:8080", host: "192.0.2.10", port: 8080 }] },
    { desc: "a specific address is probed as is", service: svc([{ container: 80, host: 8080, hostIp: "198.51.100.4" }]), want: [{ key: "service:s1:8080", host: "198.51.100.4", port: 8080 }] },
    { desc: "udp ports are skipped", service: svc([{ container: 53, host: 53, protocol: "udp", hostIp: "0.0.0.0" }]), want: [] },
    { desc: "0.0.0.0 on an unplaced service has no address", service: svc([{ container: 80, host: 8080, hostIp: "0.0.0.0" }], []), want: [] },
    { desc: "a link-local address is never probed", service: svc([{ container: 80, host: 8080, hostIp: "169.254.1.1" }]), want: [] },
  ];
  for (const c of portCases) {
    it(c.desc, () => {
      const got = desiredAutoChecks([], [c.service]).map((d) => ({ key: d.sourceKey, host: (d.spec.target as { host: string }).host, port: (d.spec.target as { port: number }).port }));
      expect(got).toEqual(c.want);
    });
  }
});

describe("planAutoChecks", () => {
  const desired = desiredAutoChecks([{ id: "r1", hostname: "a.home.example", exposure: "both" }], []);
  const asExisting = (id: string, overrides: Partial<{ name: string; target: string; vantages: string }> = {}) => ({
    id, sourceKey: "route:r1", name: desired[0]!.name, type: "https", target: JSON.stringify(desired[0]!.spec.target), vantages: "[]", ...overrides,
  });
  it("creates what is missing", () => expect(planAutoChecks(desired, []).create).toHaveLength(1));
  it("leaves an unchanged check alone", () => expect(planAutoChecks(desired, [asExisting("c1")])).toEqual({ create: [], update: [], remove: [] }));
  it("updates a renamed route's check", () => expect(planAutoChecks(desired, [asExisting("c1", { name: "old.home.example" })]).update.map((u) => u.id)).toEqual(["c1"]));
  it("removes checks of deleted routes", () => expect(planAutoChecks([], [asExisting("c1")]).remove).toEqual(["c1"]));
});

describe("exposure checks", () => {
  const cases: { desc: string; exposure: Exposure; want: { key: string; vantages: string[]; expectation: string | undefined }[] }[] = [
    {
      desc: "a LAN-only route also gets a check from remote vantages that expects no answer",
      exposure: "lan",
      want: [
        { key: "route:r1", vantages: ["kind:lan"], expectation: undefined },
        { key: "route:r1:exposure", vantages: ["kind:remote"], expectation: "unreachable" },
      ],
    },
    { desc: "a remote route gets no exposure check", exposure: "remote", want: [{ key: "route:r1", vantages: ["kind:remote"], expectation: undefined }] },
    { desc: "a route exposed both ways gets no exposure check", exposure: "both", want: [{ key: "route:r1", vantages: [], expectation: undefined }] },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const got = desiredAutoChecks([{ id: "r1", hostname: "app.home.example", exposure: c.exposure }], []);
      expect(got.map((d) => ({ key: d.sourceKey, vantages: d.vantages, expectation: d.expectation }))).toEqual(c.want);
    });
  }
  it("changing a route from LAN-only to both removes its exposure check", () => {
    const lan = desiredAutoChecks([{ id: "r1", hostname: "a.home.example", exposure: "lan" }], []);
    const existing = lan.map((d, i) => ({ id: `c${i}`, sourceKey: d.sourceKey, name: d.name, type: "https", target: JSON.stringify(d.spec.target), vantages: JSON.stringify(d.vantages), expectation: d.expectation ?? "reachable" }));
    const plan = planAutoChecks(desiredAutoChecks([{ id: "r1", hostname: "a.home.example", exposure: "both" }], []), existing);
    expect(plan.remove).toEqual(["c1"]);
    expect(plan.update.map((u) => u.id)).toEqual(["c0"]);
  });
});

describe("certificate expiry on route checks", () => {
  const target = (r: RouteFacts) => {
    const c = desiredAutoChecks([r], []).find((d) => d.sourceKey === `route:${r.id}`)!;
    return c.spec.type === "https" ? c.spec.target : null;
  };
  it("does not fail Caddy's short-lived internal certificates, which Caddy renews itself", () => {
    expect(target({ id: "r1", hostname: "a.home.example", exposure: "both", tlsMode: "internal" })?.tlsMinDaysValid).toBe(0);
    expect(target({ id: "r1", hostname: "a.home.example", exposure: "both" })?.tlsMinDaysValid).toBe(0);
  });
  it("warns a week ahead for a user-supplied certificate", () => {
    expect(target({ id: "r2", hostname: "b.home.example", exposure: "lan", tlsMode: "certificate" })?.tlsMinDaysValid).toBe(USER_CERT_MIN_DAYS);
    expect(USER_CERT_MIN_DAYS).toBe(7);
  });
});
