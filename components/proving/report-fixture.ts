// A small exposure report for the UI's tests: a LAN and a remote vantage point, one critical admin port
// seen from away (new), an unexpected public port, posture findings, a resolved one and a scan error.
import type { ExposureReportPage, ExposureReportView, Finding } from "@/lib/exposure/schemas";

const lan = { id: "v-lan", name: "nas", kind: "lan" as const };
const away = { id: "v-away", name: "vps", kind: "remote" as const };

export const FINDINGS: Finding[] = [
  { key: "no-limits|h1|web", rule: "no-limits", severity: "low", category: "posture", title: "web runs without memory or CPU limits", detail: "One runaway process can starve the host.", fix: "Set a memory limit on the service.", hostId: "h1", hostName: "nas", serviceId: "s-web", serviceName: "web", containerName: "web", isNew: false },
  { key: "unexpected-public-port|h1|8081|v-lan", rule: "unexpected-public-port", severity: "high", category: "exposure", title: "Port 8081 is published on every address and no route needs it", detail: "The container's port 80 is published on 0.0.0.0:8081.", fix: "Publish it on 127.0.0.1 or remove the port; routes reach the container through the proxy.", hostId: "h1", hostName: "nas", address: "198.51.100.10", port: 8081, vantage: lan, serviceId: "s-web", serviceName: "web", isNew: false },
  { key: "admin-port-reachable|h1|2375|v-away", rule: "admin-port-reachable", severity: "critical", category: "exposure", title: "Docker API (2375) is reachable from away", detail: "Anyone who reaches 203.0.113.10:2375 controls every container on nas.", fix: "Stop listening on TCP 2375, or firewall it to the LAN and use TLS (2376).", hostId: "h1", hostName: "nas", address: "203.0.113.10", port: 2375, vantage: away, isNew: true },
  { key: "privileged|h2|job", rule: "privileged", severity: "high", category: "posture", title: "old-job runs privileged", detail: "A privileged container is root on the host.", fix: "Drop --privileged; grant only the capabilities it needs.", hostId: "h2", hostName: "pi", containerName: "old-job", isNew: true },
];

export function sampleReport(over: Partial<ExposureReportView> = {}): ExposureReportView {
  return {
    id: "r2",
    status: "done",
    trigger: "manual",
    actor: "admin",
    startedAt: "2026-12-06T10:00:00.000Z",
    finishedAt: "2026-12-06T10:00:42.000Z",
    score: 41,
    counts: { critical: 1, high: 2, medium: 0, low: 1 },
    findings: FINDINGS,
    scans: [
      { vantageId: "v-lan", vantageName: "nas", vantageKind: "lan", hostId: "h1", hostName: "nas", address: "198.51.100.10", portsTried: 1003, open: [22, 8081], error: null, durationMs: 8_000 },
      { vantageId: "v-lan", vantageName: "nas", vantageKind: "lan", hostId: "h2", hostName: "pi", address: "198.51.100.11", portsTried: 1000, open: [], error: null, durationMs: 9_500 },
      { vantageId: "v-away", vantageName: "vps", vantageKind: "remote", hostId: "h1", hostName: "nas", address: "203.0.113.10", portsTried: 1003, open: [2375], error: null, durationMs: 30_000 },
      { vantageId: "v-away", vantageName: "vps", vantageKind: "remote", hostId: "h2", hostName: "pi", address: "203.0.113.11", portsTried: 0, open: [], error: "no route to host", durationMs: 3_000 },
    ],
    diff: { previousId: "r1", newCount: 2, resolved: [{ key: "ssh-from-away|h1|22|v-away", title: "SSH (22) is reachable from away", severity: "high" }] },
    error: null,
    ...over,
  };
}

export function sampleHistory(): ExposureReportPage {
  return {
    items: [
      { id: "r2", status: "done", trigger: "manual", startedAt: "2026-12-06T10:00:00.000Z", finishedAt: "2026-12-06T10:00:42.000Z", score: 41, counts: { critical: 1, high: 2, medium: 0, low: 1 }, newCount: 2, resolvedCount: 1 },
      { id: "r1", status: "done", trigger: "schedule", startedAt: "2026-12-05T10:00:00.000Z", finishedAt: "2026-12-05T10:00:40.000Z", score: 55, counts: { critical: 0, high: 2, medium: 0, low: 1 }, newCount: 0, resolvedCount: 0 },
    ],
    nextCursor: null,
  };
}
