// Routes end to end on the test bed, through Homeport's API (the browser version is
// e2e/09-routes.spec.ts): a `both` route goes green from the LAN and the remote vantage with the
// same fingerprint; a LAN-only route is green at home and unreachable away; cutting the edge link
// turns the remote side red with its error class while the LAN stays green, and the drill says
// the LAN paths survive; a hand edit of the LAN record shows as drift and is repaired.
// Needs root, Docker, BIND9, Caddy and the production Next build; fails (never skips) without.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../agents/helpers/docker";
import { assertNextBuild, ServerProcess } from "../helpers/server-process";
import { adminApi, type HomeportApi } from "./api-client";
import { ADDR, EDGE_NAME, ensureBedPackages, TestBed, timings, until, ZONE } from "./bed";
import { configureHomeport, SERVICE_CONTAINER_PORT, SERVICE_PAGE, type BedHomeport } from "./homeport-setup";
import { BED_PREFIX } from "./netns";
import { bothSidesUp, describeStatus, routeStatus, waitForRoute } from "./route-status";

const APP = `app.${ZONE}`;
const HOME = `home.${ZONE}`;
const ADMIN = { username: "admin", password: "correct horse battery" };

let server: ServerProcess | undefined;
let bed: TestBed | undefined;
let api: HomeportApi;
let hp: BedHomeport;
let image: string | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "homeport-testbed-data-"));
const routeIds: Record<string, string> = {};

beforeAll(async () => {
  assertNextBuild();
  await Promise.all([ensureDocker(), ensureBedPackages()]);
  image = await buildBusyboxImage();
  server = await ServerProcess.start(dataDir);
  const setupCode = server.logs.find((l) => typeof l.setupCode === "string")?.setupCode as string | undefined;
  if (!setupCode) throw new Error(`the server printed no setup code:\n${server.output}`);
  api = await adminApi(server.url, dataDir, ADMIN, setupCode);
  const elapsed = timings.start();
  bed = await TestBed.start(Number(new URL(server.url).port));
  hp = await configureHomeport(bed, api, { image });
  timings.record("bed-start", elapsed(), { note: "namespaces, 2 BIND, 2 Caddy, 2 agents enrolled, service deployed through Homeport" });
}, 660_000);

afterAll(async () => {
  // The server goes first: nothing may call the bed's addresses once the namespaces are gone.
  await server?.stop().catch(() => server?.kill());
  await bed?.stop();
  await cleanupDocker(`${BED_PREFIX}-`, { image });
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

async function caddyConfig(adminUrl: string): Promise<string> {
  const res = await fetch(`${adminUrl}/config/`);
  return res.text();
}

describe("routes end to end on the test bed", () => {
  it("a `both` route goes green at home and away with the same fingerprint", { timeout: 240_000 }, async () => {
    const route = await api.post<{ id: string }>("/api/v1/routes", { hostname: APP, serviceId: hp.serviceId, servicePort: SERVICE_CONTAINER_PORT, exposure: "both" });
    routeIds.app = route.id;
    const plan = await api.get<{ parts: { part: string; action: string }[] }>(`/api/v1/routes/${route.id}/plan`);
    expect(plan.parts.map((p) => p.part)).toEqual(["lan-dns", "proxy", "tunnel", "public-dns"]);
    expect(plan.parts.filter((p) => p.action === "skip" || p.action === "blocked"), JSON.stringify(plan.parts)).toEqual([]);

    const elapsed = timings.start();
    const applied = await api.post<{ parts: { part: string; status: string; message: string | null }[] }>(`/api/v1/routes/${route.id}/apply`);
    expect(applied.parts.map((p) => `${p.part}=${p.status}`), JSON.stringify(applied.parts)).toEqual(["lan-dns=ok", "proxy=ok", "tunnel=ok", "public-dns=ok"]);
    const green = await waitForRoute(api, bed!, route.id, bothSidesUp, "both sides of the `both` route to go green");
    timings.record("apply-to-green", elapsed(), { route: APP, runner: "vitest" });

    // The four parts, in the real servers.
    expect(await bed!.digLan(APP)).toEqual([ADDR.lan]);
    expect(await bed!.digPublic(APP, "CNAME")).toEqual([`${EDGE_NAME}.`]);
    expect(await bed!.digPublic(APP), "the remote resolver follows the CNAME to the edge").toContain(ADDR.remoteEdge);
    expect(await caddyConfig(bed!.lanCaddy.adminUrl)).toContain(APP);
    expect(await caddyConfig(bed!.edgeCaddy.adminUrl)).toContain(`homeport-edge-route-${APP}`);

    // The same service answers from both sides, through the same proxy entry.
    for (const side of ["lan", "remote"] as const) {
      const r = await bed!.curlFrom(side, `https://${APP}/`);
      expect(r.status, `${side}: ${JSON.stringify(r)}`).toBe(200);
      expect(r.body).toContain(SERVICE_PAGE);
      expect(r.headers?.["x-homeport-route"]).toBe(route.id);
    }
    const fingerprints = [...green.sides.lan.vantages, ...green.sides.remote.vantages].map((v) => v.fingerprint);
    expect(fingerprints.length).toBe(2);
    expect(new Set(fingerprints)).toEqual(new Set([route.id]));
    const s = await waitForRoute(api, bed!, route.id, (x) => x.verdicts.sameUrl.status === "pass" && x.verdicts.worksOffline.status === "pass", "the sameUrl and worksOffline verdicts to pass");
    expect(s.verdicts.exposureMatchesIntent.status, describeStatus(s)).toBe("pass");
  });

  it("a LAN-only route is green at home and unreachable away", { timeout: 240_000 }, async () => {
    const route = await api.post<{ id: string }>("/api/v1/routes", { hostname: HOME, serviceId: hp.serviceId, servicePort: SERVICE_CONTAINER_PORT, exposure: "lan" });
    routeIds.home = route.id;
    const applied = await api.post<{ parts: { part: string; status: string }[] }>(`/api/v1/routes/${route.id}/apply`);
    expect(applied.parts.map((p) => `${p.part}=${p.status}`)).toEqual(["lan-dns=ok", "proxy=ok", "tunnel=skipped", "public-dns=skipped"]);
    const s = await waitForRoute(api, bed!, route.id, (x) => bothSidesUp(x) && x.verdicts.exposureMatchesIntent.status === "pass", "the LAN-only route to be up at home and unreachable away");
    expect(s.sides.remote.expectation).toBe("unreachable");
    expect(s.verdicts.worksOffline.status).toBe("pass");
    expect(await bed!.digLan(HOME)).toEqual([ADDR.lan]);
    expect(await bed!.digPublic(HOME)).toEqual([]);
    expect((await bed!.curlFrom("remote", `https://${HOME}/`)).error, "no public name for a LAN-only route").toBeDefined();
    expect(await caddyConfig(bed!.edgeCaddy.adminUrl)).not.toContain(HOME);
  });

  it("with the edge link cut the LAN stays green, the remote goes red with its error class, and the drill agrees", { timeout: 300_000 }, async () => {
    const id = routeIds.app!;
    await bed!.cutEdgeLink();
    const elapsed = timings.start();
    try {
      const red = await waitForRoute(api, bed!, id, (x) => x.sides.remote.status === "down" && x.sides.lan.status === "up", "the remote side to go red while the LAN stays green");
      const failing = red.sides.remote.vantages.find((v) => v.status === "down")!;
      timings.record("cut-to-remote-red", elapsed(), { runner: "vitest", errorClass: failing.errorClass, message: failing.message });
      expect(failing.errorClass, describeStatus(red)).toBeTruthy();
      expect(red.verdicts.sameUrl.status).toBe("fail");
      expect(red.verdicts.sameUrl.reason).toContain(failing.errorClass!);
      expect(red.verdicts.worksOffline.status, "the LAN path does not need the internet").toBe("pass");

      type Drill = { routes: { hostname: string; survives: boolean; away: string }[]; services: { name: string; imagePresent: string }[] };
      const drill = await api.post<Drill>("/api/v1/drill");
      const byHost = Object.fromEntries(drill.routes.map((r) => [r.hostname, r]));
      expect(byHost[APP]?.survives, JSON.stringify(byHost[APP])).toBe(true);
      expect(byHost[HOME]?.survives, JSON.stringify(byHost[HOME])).toBe(true);
      // Away, the "both" route depends on the tunnel and public DNS; the LAN-only one never was offered.
      expect(byHost[APP]?.away).toBe("lost");
      expect(byHost[HOME]?.away).toBe("not-exposed");
      // The LAN agent was asked which images it holds: a redeploy would need no pull.
      expect(drill.services.find((x) => x.name === hp.serviceName)?.imagePresent).toBe("yes");
      expect((await bed!.curlFrom("lan", `https://${APP}/`)).body).toContain(SERVICE_PAGE);
    } finally {
      await bed!.restoreEdgeLink();
    }
    const back = timings.start();
    await waitForRoute(api, bed!, id, (x) => bothSidesUp(x) && x.verdicts.sameUrl.status === "pass", "both sides to be green again after the edge link is back");
    timings.record("restore-to-green", back(), { runner: "vitest" });
  });

  it("a hand edit of the LAN record shows as drift and apply repairs it", { timeout: 120_000 }, async () => {
    const id = routeIds.app!;
    const wrong = "198.51.100.99";
    await bed!.editLanRecordByHand(APP, wrong);
    expect(await bed!.digLan(APP)).toEqual([wrong]);
    type Drift = { zones: { zone: { id: string }; items: { name: string; type: string; kind: string; actual?: { values: string[] } }[] }[] };
    const drift = await api.get<Drift>(`/api/v1/dns/drift?zoneId=${hp.zoneIds.lan}`);
    const items = drift.zones.flatMap((z) => z.items);
    expect(items, JSON.stringify(drift)).toContainEqual(expect.objectContaining({ name: APP, type: "A", kind: "changed", actual: expect.objectContaining({ values: [wrong] }) }));

    const repaired = await api.post<{ parts: { part: string; status: string }[] }>(`/api/v1/routes/${id}/apply`);
    expect(repaired.parts.find((p) => p.part === "lan-dns")?.status).toBe("ok");
    await until(async () => (await bed!.digLan(APP)).join() === ADDR.lan, "the LAN record to be repaired");
    const after = await api.get<Drift>(`/api/v1/dns/drift?zoneId=${hp.zoneIds.lan}`);
    expect(after.zones.flatMap((z) => z.items)).toEqual([]);
    expect((await routeStatus(api, id)).verdicts.worksOffline.status).toBe("pass");
    // The measurement the lead quotes.
    expect(JSON.parse(readFileSync(timings.file, "utf8"))["apply-to-green"]).toBeDefined();
  });
});
