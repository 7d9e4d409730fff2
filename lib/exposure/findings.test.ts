import { describe, expect, it } from "vitest";
import type { ContainerPosture } from "@/lib/protocol/scan";
import { deriveFindings, type FindingFacts, type ScanFact } from "./findings";
import type { IntentInput } from "./intent";

const NOW = new Date("2026-06-01T00:00:00Z");
const lanV = { id: "h-lan", name: "pi", kind: "lan" as const };
const remoteV = { id: "h-vps", name: "vps", kind: "remote" as const };

const intent = (over: Partial<IntentInput> = {}): IntentInput => ({
  hosts: [{ id: "h-nas", name: "nas", addresses: ["198.51.100.10"] }, { id: "h-lan", name: "pi", addresses: ["198.51.100.20"] }],
  services: [{ id: "s-web", name: "web", hostId: "h-nas", ports: [{ container: 80, host: 8080, hostIp: "" }] }],
  routes: [{ id: "r1", hostname: "web.lab.example", exposure: "lan", serviceId: "s-web", servicePort: 80, upstreamUrl: null }],
  ingress: { address: "198.51.100.10", httpPort: 80, httpsPort: 443 },
  tunnelOrigins: [],
  ...over,
});

const scan = (vantage: ScanFact["vantage"], open: number[]): ScanFact => ({ vantage, hostId: "h-nas", hostName: "nas", address: "198.51.100.10", open });

const container = (over: Partial<ContainerPosture> = {}): ContainerPosture => ({
  id: "c1", name: "web", image: "nginx:1.27", state: "running", managed: true, serviceId: "s-web",
  privileged: false, hostNetwork: false, hostPid: false, mounts: [], user: "101", runsAsRoot: false,
  memoryLimitBytes: 256 * 2 ** 20, cpuLimit: 1, imageTag: "pinned", imageCreatedAt: "2026-05-01T00:00:00Z",
  ports: [{ hostIp: "0.0.0.0", hostPort: 8080, containerPort: 80, protocol: "tcp" }], ...over,
});

const facts = (over: Partial<FindingFacts>): FindingFacts => ({ intent: intent(), scans: [], posture: [], now: NOW, ...over });
const rules = (f: FindingFacts) => deriveFindings(f).map((x) => `${x.rule}:${x.port ?? "-"}:${x.vantage?.kind ?? x.containerName}:${x.severity}`).sort();

describe("scan findings", () => {
  it("an open admin port is critical from a remote vantage and high from the LAN", () => {
    const out = rules(facts({ scans: [scan(remoteV, [6379]), scan(lanV, [6379])] }));
    expect(out).toEqual(["admin-port-reachable:6379:lan:high", "admin-port-reachable:6379:remote:critical"]);
  });

  it("the ports a route needs are fine from the LAN, and SSH only matters from away", () => {
    expect(rules(facts({ scans: [scan(lanV, [22, 80, 443, 8080])] }))).toEqual([]);
    expect(rules(facts({ scans: [scan(remoteV, [22])] }))).toEqual(["ssh-from-away:22:remote:high"]);
  });

  it("a LAN-only route's upstream and the proxy answering from away are findings; a remote route's tunnel origin is not", () => {
    expect(rules(facts({ scans: [scan(remoteV, [443, 8080])] }))).toEqual([
      "lan-only-reachable-remotely:443:remote:medium",
      "lan-only-reachable-remotely:8080:remote:high",
    ]);
    const remoteRoute = intent({
      routes: [{ id: "r1", hostname: "web.lab.example", exposure: "both", serviceId: "s-web", servicePort: 80, upstreamUrl: null }],
      tunnelOrigins: ["https://198.51.100.10:443"],
    });
    expect(rules(facts({ intent: remoteRoute, scans: [scan(remoteV, [443, 8080])] }))).toEqual(["http-without-tls-remote:8080:remote:medium"]);
  });

  it("a port nothing explains: low from the LAN, high from away, plain HTTP named as such", () => {
    expect(rules(facts({ scans: [scan(lanV, [9999])] }))).toEqual(["unexpected-public-port:9999:lan:low"]);
    expect(rules(facts({ scans: [scan(remoteV, [9999, 8888])] }))).toEqual(["http-without-tls-remote:8888:remote:high", "unexpected-public-port:9999:remote:high"]);
  });

  it("keys are stable and distinct per vantage, and one port seen on two addresses is one finding", () => {
    const two = facts({ scans: [scan(remoteV, [2375]), { ...scan(remoteV, [2375]), address: "203.0.113.10" }, scan(lanV, [2375])] });
    const out = deriveFindings(two);
    expect(out.map((f) => f.key).sort()).toEqual(["admin-port-reachable|h-nas|2375|h-lan", "admin-port-reachable|h-nas|2375|h-vps"]);
    expect(deriveFindings(two).map((f) => f.key)).toEqual(out.map((f) => f.key));
  });
});

describe("posture findings", () => {
  it("a well-kept container whose published port a route needs has none", () => {
    expect(rules(facts({ posture: [{ hostId: "h-nas", hostName: "nas", containers: [container()] }] }))).toEqual([]);
  });

  it("every risky setting is named, with its severity", () => {
    const bad = container({
      name: "agent", privileged: true, hostNetwork: true, hostPid: true, user: "", runsAsRoot: true, memoryLimitBytes: 0, cpuLimit: 0,
      imageTag: "latest", imageCreatedAt: "2025-01-01T00:00:00Z",
      mounts: [
        { source: "/var/run/docker.sock", destination: "/var/run/docker.sock", rw: true, dockerSocket: true, sensitive: false },
        { source: "/etc", destination: "/host/etc", rw: false, dockerSocket: false, sensitive: true },
        { source: "/srv/data", destination: "/data", rw: true, dockerSocket: false, sensitive: false },
      ],
      ports: [{ hostIp: "", hostPort: 9100, containerPort: 9100, protocol: "tcp" }, { hostIp: "127.0.0.1", hostPort: 9200, containerPort: 9200, protocol: "tcp" }],
    });
    expect(rules(facts({ posture: [{ hostId: "h-nas", hostName: "nas", containers: [bad] }] }))).toEqual([
      "docker-socket:-:agent:high",
      "host-network:-:agent:medium",
      "host-pid:-:agent:high",
      "latest-tag:-:agent:low",
      "no-limits:-:agent:low",
      "old-image:-:agent:low",
      "privileged:-:agent:high",
      "runs-as-root:-:agent:low",
      "sensitive-mount:-:agent:medium",
      "unexpected-public-port:9100:agent:medium",
    ]);
  });

  it("stopped containers are not judged, and a LAN scan of a port a container publishes is not reported twice", () => {
    const stopped = container({ name: "old", state: "exited", privileged: true });
    const pub = container({ name: "exporter", ports: [{ hostIp: "0.0.0.0", hostPort: 9100, containerPort: 9100, protocol: "tcp" }] });
    const out = rules(facts({ scans: [scan(lanV, [9100])], posture: [{ hostId: "h-nas", hostName: "nas", containers: [stopped, pub] }] }));
    expect(out).toEqual(["unexpected-public-port:9100:exporter:medium"]);
  });
});
