// The exposure scan on the test bed, through Homeport's API: the LAN host (its addresses given by
// PATCH, as a user does) runs an unexpected listener on 0.0.0.0 and a Redis stand-in beside the
// LAN Caddy (admin :2019 on the LAN address). From the remote vantage point (across the edge link)
// Redis is critical and the odd port high; from the LAN they are high and low, and Caddy's admin
// API is high; the proxy's 443 that a `both` route needs is not a finding from either side; the
// scan is audited and its critical finding opens the exposure incident.
// Needs root, Docker, BIND9, Caddy and the production Next build; fails (never skips) without.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExposureReportView } from "@/lib/exposure/schemas";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../agents/helpers/docker";
import { assertNextBuild, ServerProcess } from "../helpers/server-process";
import { adminApi, type HomeportApi } from "./api-client";
import { ADDR, CADDY_ADMIN_PORT, ensureBedPackages, TestBed, timings, until, ZONE } from "./bed";
import { configureHomeport, SERVICE_CONTAINER_PORT, unconfigureHomeport, type BedHomeport } from "./homeport-setup";
import { BED_PREFIX, spawnIn, type BedProcess } from "./netns";

const ADMIN = { username: "admin", password: "correct horse battery" };
const REDIS = 6379;
const ODD = 9999;
const SCAN_TIMEOUT_MS = 120_000;

let server: ServerProcess | undefined;
let bed: TestBed | undefined;
let api: HomeportApi;
let hp: BedHomeport | undefined;
let image: string | undefined;
const listeners: BedProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), "homeport-testbed-exposure-"));

beforeAll(async () => {
  assertNextBuild();
  await Promise.all([ensureDocker(), ensureBedPackages()]);
  image = await buildBusyboxImage();
  server = await ServerProcess.start(dataDir);
  const setupCode = server.logs.find((l) => typeof l.setupCode === "string")?.setupCode as string | undefined;
  if (!setupCode) throw new Error(`the server printed no setup code:\n${server.output}`);
  api = await adminApi(server.url, dataDir, ADMIN, setupCode);
  bed = await TestBed.start(Number(new URL(server.url).port));
  hp = await configureHomeport(bed, api, { image });
  // Listeners on every address of the LAN host: one nobody asked for, one a database port.
  for (const port of [ODD, REDIS]) {
    listeners.push(spawnIn(`listener :${port}`, bed.ns.lan, [process.execPath, "-e", `require("node:net").createServer((s) => s.end()).listen(${port}, "0.0.0.0")`]));
  }
  await until(async () => (await bed!.curlFrom("remote", `http://${ADDR.lanEdge}:${ODD}/`)).error !== "ECONNREFUSED", "the listeners in the LAN namespace");
}, 660_000);

afterAll(async () => {
  await Promise.all(listeners.map((l) => l.stop()));
  if (hp && server) await unconfigureHomeport(api, hp).catch(() => undefined);
  await server?.stop().catch(() => server?.kill());
  await bed?.stop();
  await cleanupDocker(`${BED_PREFIX}-`, { image });
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

const line = (f: ExposureReportView["findings"][number]) => `${f.rule}:${f.port}:${f.vantage?.kind}:${f.severity}`;

describe("the attacker's view on the test bed", () => {
  it("lists the unexpected port and the admin ports from the right vantage, not the port a route needs", { timeout: 300_000 }, async () => {
    const lanHost = hp!.hostIds.lan;
    await api.patch(`/api/v1/hosts/${lanHost}`, { addresses: [ADDR.lan, ADDR.lanEdge] });
    // A `both` route: the LAN proxy's 443 serves it and the tunnel's edge dials it from away.
    const route = await api.post<{ id: string }>("/api/v1/routes", { hostname: `app.${ZONE}`, serviceId: hp!.serviceId, servicePort: SERVICE_CONTAINER_PORT, exposure: "both" });
    const applied = await api.post<{ parts: { part: string; status: string }[] }>(`/api/v1/routes/${route.id}/apply`);
    expect(applied.parts.find((p) => p.part === "proxy")?.status, JSON.stringify(applied.parts)).toBe("ok");
    // Caddy listens on 443 once it serves a route; the tunnel's edge reaches it across the edge link.
    await until(async () => (await bed!.curlFrom("remote", `https://app.${ZONE}/`, { connectTo: ADDR.lanEdge })).status !== undefined, "the LAN proxy to answer on 443 from away", 30_000, () => bed!.logs());

    const elapsed = timings.start();
    const { id } = await api.post<{ id: string }>("/api/v1/exposure/scans", {});
    const report = await until(async () => {
      const r = await api.get<ExposureReportView>(`/api/v1/exposure/reports/${id}`);
      return r.status === "running" ? null : r;
    }, "the exposure scan to finish", SCAN_TIMEOUT_MS, () => bed!.logs());
    timings.record("exposure-scan", elapsed(), { ports: report.scans[0]?.portsTried, rows: report.scans.length });
    expect(report.status, report.error ?? "").toBe("done");

    const onLan = report.findings.filter((f) => f.hostId === lanHost && f.vantage).map(line);
    expect(onLan).toEqual(expect.arrayContaining([
      `admin-port-reachable:${REDIS}:remote:critical`,
      `unexpected-public-port:${ODD}:remote:high`,
      `admin-port-reachable:${REDIS}:lan:high`,
      `admin-port-reachable:${CADDY_ADMIN_PORT}:lan:high`,
      `unexpected-public-port:${ODD}:lan:low`,
    ]));
    // Caddy's admin API listens on the LAN address only: away, it is not there.
    expect(onLan).not.toContain(`admin-port-reachable:${CADDY_ADMIN_PORT}:remote:critical`);
    // The ports that are fine: the proxy's 443 (the route needs it from both sides) and the LAN's DNS.
    expect(report.findings.filter((f) => f.hostId === lanHost && (f.port === 443 || f.port === 53)).map(line)).toEqual([]);
    // Ranked: the critical one leads, seen from the remote vantage point.
    expect(report.findings[0]).toMatchObject({ severity: "critical", port: REDIS, vantage: { id: hp!.hostIds.remote, kind: "remote" } });

    // What each vantage point really reached: from away only the edge address answers.
    const row = (vantage: string, address: string) => report.scans.find((s) => s.vantageId === vantage && s.address === address);
    expect(row(hp!.hostIds.remote, ADDR.lanEdge)?.open).toEqual(expect.arrayContaining([443, REDIS, ODD]));
    expect(row(hp!.hostIds.remote, ADDR.lanEdge)?.open).not.toContain(CADDY_ADMIN_PORT);
    expect(row(hp!.hostIds.remote, ADDR.lan)?.open).toEqual([]);
    expect(row(lanHost, ADDR.lan)?.open).toEqual(expect.arrayContaining([53, 80, 443, CADDY_ADMIN_PORT, REDIS, ODD]));
    expect(report.score).toBeLessThanOrEqual(40);

    // Audited, with who asked; the critical finding is an incident.
    const audit = await api.get<{ items: { action: string; actorName: string | null; targetId: string | null; details: Record<string, unknown> | null }[] }>("/api/v1/audit?action=exposure.scan");
    expect(audit.items.find((a) => a.targetId === id)).toMatchObject({ action: "exposure.scan", actorName: ADMIN.username, details: { status: "done", critical: 1 } });
    const incidents = await api.get<{ items: { endedAt: string | null; message: string | null }[] }>("/api/v1/checks/incidents?open=true");
    expect(incidents.items.some((i) => i.endedAt === null && /Redis is reachable from away/.test(i.message ?? ""))).toBe(true);
  });
});
