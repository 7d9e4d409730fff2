// The exposure scan end to end with real agents and a real Docker engine: a "nas" whose address
// is a network namespace this test creates (Redis, an unexplained port and SSH listening there),
// scanned from a LAN agent and a remote vantage agent through the API; its own agent runs with
// --deny-scan. The report ranks what an attacker would notice by vantage, a new critical finding
// opens one incident (not reopened by the next scan) that closes once the port is gone, the
// posture names a container mounting /etc and publishing on 0.0.0.0, and every scan is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { POST as scansPOST } from "@/app/api/v1/exposure/scans/route";
import { GET as reportsGET } from "@/app/api/v1/exposure/reports/route";
import { GET as latestGET } from "@/app/api/v1/exposure/reports/latest/route";
import { GET as reportGET } from "@/app/api/v1/exposure/reports/[id]/route";
import { PATCH as hostPATCH } from "@/app/api/v1/hosts/[id]/route";
import { createApiToken } from "@/lib/auth";
import { EXPOSURE_CHECK_KEY, type ExposureReportPage, type ExposureReportView } from "@/lib/exposure";
import { LABELS } from "@/lib/protocol";
import { call, errorOf } from "../helpers/api";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { enrolledAgent, freePort } from "../agents/helpers/fixtures";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "../agents/helpers/docker";
import { waitUntil } from "../agents/helpers/sse-client";
import type { AgentProcess } from "../agents/helpers/agent-process";

const PREFIX = "hpt-exp-";
const NETNS = "hpt-exp-ns";
const NS_IP = "198.51.100.218";
const REDIS = 6379;
const ODD = 9999;
const SSH = 22;
const SCAN_PORTS = [SSH, 80, 443, REDIS, ODD, 2375];
const SCAN_TIMEOUT_MS = 60_000;

let cp: TestControlPlane;
let admin: string;
let reader: string;
let image: string;
let ns: VethNamespace | undefined;
const listeners = new Map<number, ChildProcess>();
let lan: { hostId: string; agent: AgentProcess };
let remote: { hostId: string; agent: AgentProcess };
let nas: { hostId: string; agent: AgentProcess };

function listen(port: number) {
  const code = `require("node:net").createServer((s) => s.end()).listen(${port}, "${NS_IP}")`;
  listeners.set(port, spawn("ip", ["netns", "exec", NETNS, process.execPath, "-e", code], { stdio: "ignore" }));
}

const auth = () => ({ bearer: admin });

async function scanAndWait(body: unknown = { ports: SCAN_PORTS }): Promise<ExposureReportView> {
  const r = await call(scansPOST, "/api/v1/exposure/scans", { method: "POST", body, auth: auth() });
  expect(r.status, r.text).toBe(202);
  const { id } = r.body as { id: string };
  return waitUntil(async () => {
    const g = await call(reportGET, `/api/v1/exposure/reports/${id}`, { auth: auth() }, { id });
    const v = g.body as ExposureReportView;
    return v.status === "running" ? null : v;
  }, SCAN_TIMEOUT_MS, "the scan to finish");
}

const seen = (v: ExposureReportView) => v.findings.filter((f) => f.hostId === nas.hostId && f.vantage).map((f) => `${f.rule}:${f.port}:${f.vantage?.kind}:${f.severity}`).sort();
const openIncidents = async () => {
  const check = await cp.t.db.check.findUnique({ where: { sourceKey: EXPOSURE_CHECK_KEY } });
  return check ? cp.t.db.incident.findMany({ where: { checkId: check.id }, orderBy: { startedAt: "asc" } }) : [];
};

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  admin = cp.apiToken;
  reader = (await createApiToken(cp.t.db, { userId: cp.userId, name: "viewer", scopes: ["read"], expiresAt: null })).token;
  ns = await createVethNamespace({ netns: NETNS, vethHost: "hpexph0", vethNs: "hpexpn0", hostCidr: "198.51.100.217/30", nsIp: NS_IP });
  for (const p of [REDIS, ODD, SSH]) listen(p);
  lan = await enrolledAgent(cp, `${PREFIX}lan`);
  remote = await enrolledAgent(cp, `${PREFIX}vps`);
  nas = await enrolledAgent(cp, `${PREFIX}nas`, ["--deny-scan"]);
  // As a user would: the VPS probes from away, the NAS has the namespace's address.
  for (const [id, body] of [[remote.hostId, { vantage: "remote" }], [nas.hostId, { addresses: [NS_IP] }]] as const) {
    const r = await call(hostPATCH, `/api/v1/hosts/${id}`, { method: "PATCH", body, auth: auth() }, { id });
    expect(r.status, r.text).toBe(200);
  }
  await waitUntil(async () => (await cp.t.db.host.findUniqueOrThrow({ where: { id: nas.hostId } })).agentPolicy, 10_000, "the NAS agent's policy");
  // An unmanaged container mounting the host's /etc and publishing on every address: the posture must name both.
  const hostPort = await freePort();
  const c = await docker.createContainer({
    name: `${PREFIX}etc`, Image: image, Cmd: ["sleep", "600"], Labels: { [LABELS.test]: PREFIX },
    ExposedPorts: { "8080/tcp": {} },
    HostConfig: { Binds: ["/etc:/host-etc:ro"], PortBindings: { "8080/tcp": [{ HostIp: "0.0.0.0", HostPort: String(hostPort) }] } },
  });
  await c.start();
}, 300_000);

afterAll(async () => {
  for (const l of listeners.values()) l.kill("SIGKILL");
  await ns?.remove();
  for (const a of [lan, remote, nas]) await a?.agent.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

describe("an exposure scan through the API", () => {
  it("refuses bad input, a denied vantage, an unknown one, and a read-only token", async () => {
    for (const body of [{ ports: [] }, { ports: [70000] }, { ports: "all" }, { vantageIds: "x" }, { extra: 1 }]) {
      const r = await call(scansPOST, "/api/v1/exposure/scans", { method: "POST", body, auth: auth() });
      expect(r.status, JSON.stringify(body)).toBe(422);
    }
    const denied = await call(scansPOST, "/api/v1/exposure/scans", { method: "POST", body: { vantageIds: [nas.hostId] }, auth: auth() });
    expect(denied.status).toBe(403);
    expect(errorOf(denied).message).toMatch(/--deny-scan/);
    const unknown = await call(scansPOST, "/api/v1/exposure/scans", { method: "POST", body: { vantageIds: ["nosuchhost1"] }, auth: auth() });
    expect(unknown.status).toBe(404);
    const viewer = await call(scansPOST, "/api/v1/exposure/scans", { method: "POST", body: {}, auth: { bearer: reader } });
    expect(viewer.status).toBe(403);
    const none = await call(latestGET, "/api/v1/exposure/reports/latest", { auth: { bearer: reader } });
    expect(none.status).toBe(404);
    const missing = await call(reportGET, "/api/v1/exposure/reports/nosuchreport1", { auth: auth() }, { id: "nosuchreport1" });
    expect(missing.status).toBe(404);
    expect(await cp.t.db.exposureReport.count()).toBe(0);
  });

  it("lists the open admin port and the unexplained port from the right vantage, critical from away, and opens an incident", async () => {
    const first = await call(scansPOST, "/api/v1/exposure/scans", { method: "POST", body: { ports: SCAN_PORTS }, auth: auth() });
    expect(first.status).toBe(202);
    // One scan at a time.
    const second = await call(scansPOST, "/api/v1/exposure/scans", { method: "POST", body: {}, auth: auth() });
    expect(second.status).toBe(409);
    const id = (first.body as { id: string }).id;
    const v = await waitUntil(async () => {
      const r = (await call(latestGET, "/api/v1/exposure/reports/latest", { auth: { bearer: reader } })).body as ExposureReportView;
      return r.id === id && r.status !== "running" ? r : null;
    }, SCAN_TIMEOUT_MS, "the first scan");
    expect(v.status, v.error ?? "").toBe("done");
    expect(seen(v)).toEqual([
      "admin-port-reachable:6379:lan:high",
      "admin-port-reachable:6379:remote:critical",
      "ssh-from-away:22:remote:high",
      "unexpected-public-port:9999:lan:low",
      "unexpected-public-port:9999:remote:high",
    ]);
    // Ranked: the critical first; fixes are given; everything is new in the first report.
    expect(v.findings[0]).toMatchObject({ rule: "admin-port-reachable", severity: "critical", vantage: { id: remote.hostId, kind: "remote" }, isNew: true });
    expect(v.findings.every((f) => f.fix.length > 10)).toBe(true);
    expect(v.score).toBeLessThanOrEqual(40);
    expect(v.counts.critical).toBe(1);
    expect(v.diff).toEqual({ previousId: null, newCount: v.findings.length, resolved: [] });
    // Both vantage points scanned the NAS; its own agent said no (--deny-scan); nothing else was scanned.
    const rows = v.scans.map((s) => `${s.vantageName}:${s.address}:${s.open.join(",")}:${s.error ?? ""}`).sort();
    expect(rows).toEqual([`${PREFIX}lan:${NS_IP}:22,6379,9999:`, `${PREFIX}nas::${""}:exposure scans are turned off on this host by its owner (--deny-scan)`, `${PREFIX}vps:${NS_IP}:22,6379,9999:`]);
    // The posture: the container mounting /etc and publishing on 0.0.0.0, seen through the agents.
    const posture = v.findings.filter((f) => f.containerName === `${PREFIX}etc` && f.hostId === lan.hostId).map((f) => f.rule);
    expect(posture).toEqual(expect.arrayContaining(["sensitive-mount", "unexpected-public-port", "runs-as-root", "no-limits"]));
    const incidents = await openIncidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.endedAt).toBeNull();
    expect(incidents[0]!.message).toMatch(/Redis is reachable from away/);
  });

  it("the same finding again does not reopen the incident; once the port is closed it resolves", async () => {
    const again = await scanAndWait();
    expect(again.diff?.newCount).toBe(0);
    expect(again.findings.find((f) => f.severity === "critical")?.isNew).toBe(false);
    expect(await openIncidents()).toHaveLength(1);
    expect((await openIncidents())[0]!.endedAt).toBeNull();

    listeners.get(REDIS)?.kill("SIGKILL");
    await waitUntil(async () => listeners.get(REDIS)?.exitCode !== null || listeners.get(REDIS)?.signalCode !== null, 5_000, "the Redis stand-in to stop");
    const fixed = await scanAndWait();
    expect(seen(fixed)).not.toContain("admin-port-reachable:6379:remote:critical");
    expect(fixed.counts.critical).toBe(0);
    expect(fixed.diff?.resolved.map((r) => r.key).sort()).toEqual([`admin-port-reachable|${nas.hostId}|6379|${lan.hostId}`, `admin-port-reachable|${nas.hostId}|6379|${remote.hostId}`]);
    expect(fixed.score).toBeGreaterThan(again.score!);
    const incidents = await openIncidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.endedAt).not.toBeNull();
  });

  it("keeps the history newest first, pages it, and audits every scan with who asked", async () => {
    const page1 = (await call(reportsGET, "/api/v1/exposure/reports?limit=2", { auth: { bearer: reader } })).body as ExposureReportPage;
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]!.counts.critical).toBe(0);
    expect(page1.items[0]!.resolvedCount).toBe(2);
    const page2 = (await call(reportsGET, `/api/v1/exposure/reports?limit=2&cursor=${page1.nextCursor}`, { auth: { bearer: reader } })).body as ExposureReportPage;
    expect(page2.items.map((i) => i.counts.critical)).toEqual([1]);
    expect(page2.nextCursor).toBeNull();
    const bad = await call(reportsGET, "/api/v1/exposure/reports?limit=0", { auth: { bearer: reader } });
    expect(bad.status).toBe(400);
    const audits = await cp.t.db.auditEvent.findMany({ where: { action: "exposure.scan" }, orderBy: { at: "asc" } });
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorType === "token" && a.actorName === "tester" && a.targetType === "exposure-report")).toBe(true);
    expect(JSON.parse(audits[0]!.details!)).toMatchObject({ status: "done", critical: 1 });
  });
});
