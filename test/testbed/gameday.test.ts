// Game day "internet down" on the test bed's LAN host, through Homeport's API, with the real agent
// adding nftables rules in the LAN namespace. "LAN networks" cover the LAN link 198.51.100.0/24
// only, so the edge link 203.0.113.128/25 counts as the internet: the LAN route stays green, the
// remote side goes red, and the rules are gone at the deadline. In a second run the control plane
// is killed (-9) mid-experiment: the table still disappears at the deadline (checked from the LAN
// namespace with `nft list tables`), and after a restart the game day is finished, not running.
// Needs root, Docker, nftables, BIND9, Caddy and the production Next build; fails (never skips).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isIP } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../agents/helpers/docker";
import { assertNextBuild, freePort, ServerProcess } from "../helpers/server-process";
import { adminApi, type HomeportApi } from "./api-client";
import { ADDR, ensureBedPackages, TestBed, timings, until, ZONE } from "./bed";
import { configureHomeport, SERVICE_CONTAINER_PORT, type BedHomeport } from "./homeport-setup";
import { BED_PREFIX, execIn } from "./netns";
import { bothSidesUp, describeStatus, waitForRoute } from "./route-status";

const APP = `gameday.${ZONE}`;
const ADMIN = { username: "admin", password: "correct horse battery" };
const LAN_LINK = "198.51.100.0/24";
/** Long enough for the remote checks to go red while the LAN stays green. */
const FIRST_RUN_SEC = 150;
const CRASH_RUN_SEC = 40;
/** The agent reverts at the deadline; allow this much for the timer and nft. */
const REVERT_SLACK_MS = 20_000;

type GameDay = { id: string; status: string; deadlineAt: string | null; error: string | null; timeline: { kind: string; text: string }[]; outcome: { items: { type: string; id: string; predicted: { lan: string; away: string }; observed: { lan: string; away: string }; matches: boolean | null; failedVantages: string[] }[] } };
type Plan = { targets: { hostId: string; fault: { kind: string; localNets?: string[] } }[]; predictions: { type: string; id: string; lan: string; away: string }[]; blockers: string[] };

let server: ServerProcess | undefined;
let bed: TestBed | undefined;
let api: HomeportApi;
let hp: BedHomeport;
let image: string | undefined;
let port = 0;
let routeId = "";
const dataDir = mkdtempSync(join(tmpdir(), "homeport-testbed-gameday-"));

beforeAll(async () => {
  assertNextBuild();
  await Promise.all([ensureDocker(), ensureBedPackages()]);
  image = await buildBusyboxImage();
  port = await freePort();
  server = await ServerProcess.start(dataDir, { port });
  const setupCode = server.logs.find((l) => typeof l.setupCode === "string")?.setupCode as string | undefined;
  if (!setupCode) throw new Error(`the server printed no setup code:\n${server.output}`);
  api = await adminApi(server.url, dataDir, ADMIN, setupCode);
  bed = await TestBed.start(port);
  hp = await configureHomeport(bed, api, { image });
  await api.patch("/api/v1/settings", { gamedayLocalNets: [LAN_LINK] });
  const route = await api.post<{ id: string }>("/api/v1/routes", { hostname: APP, serviceId: hp.serviceId, servicePort: SERVICE_CONTAINER_PORT, exposure: "both" });
  routeId = route.id;
  await api.post(`/api/v1/routes/${routeId}/apply`);
  await waitForRoute(api, bed, routeId, bothSidesUp, "the route to be green at home and away before the game day");
}, 660_000);

afterAll(async () => {
  await server?.stop().catch(() => server?.kill());
  await bed?.stop();
  await cleanupDocker(`${BED_PREFIX}-`, { image });
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

/** The nftables tables in the LAN namespace (where the LAN agent applies the fault). */
async function lanTables(): Promise<string> {
  const r = await execIn(bed!.ns.lan, ["nft", "list", "tables"]);
  if (r.code !== 0) throw new Error(`nft list tables in the LAN namespace: ${r.stderr}`);
  return r.stdout;
}

/** Whether an IPv4 network in CIDR form holds an address. */
function covers(cidr: string, address: string): boolean {
  const [net, bits] = cidr.split("/");
  if (!net || isIP(net) !== 4 || isIP(address) !== 4) return false;
  const n = (a: string) => a.split(".").reduce((x, o) => x * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(n(net) / size) === Math.floor(n(address) / size);
}

const gameDay = (id: string) => api.get<GameDay>(`/api/v1/gamedays/${id}`);
const internetDown = (durationSec: number) => ({ experiment: { kind: "internet-down", hostId: hp.hostIds.lan }, durationSec });

describe("game day: internet down on the LAN host", () => {
  it("keeps the LAN route green, turns the remote side red, and the rules are gone at the deadline", { timeout: 480_000 }, async () => {
    const plan = await api.post<Plan>("/api/v1/gamedays/plan", internetDown(FIRST_RUN_SEC));
    expect(plan.blockers, JSON.stringify(plan)).toEqual([]);
    const nets = plan.targets[0]!.fault.localNets ?? [];
    expect(nets).toContain(LAN_LINK);
    expect(nets.filter((n) => covers(n, ADDR.remoteEdge) || covers(n, ADDR.lanEdge)), "the edge link must count as the internet").toEqual([]);
    expect(plan.predictions.find((p) => p.id === routeId)).toMatchObject({ lan: "up", away: "down" });

    const started = timings.start();
    const { id } = await api.post<{ id: string; status: string }>("/api/v1/gamedays", internetDown(FIRST_RUN_SEC));
    expect((await gameDay(id)).status).toBe("running");
    expect(await lanTables()).toContain(id);

    const red = await waitForRoute(api, bed!, routeId, (s) => s.sides.remote.status === "down" && s.sides.lan.status === "up", "the remote side to go red while the LAN stays green", (FIRST_RUN_SEC - 10) * 1000);
    timings.record("gameday-to-remote-red", started(), { errorClass: red.sides.remote.vantages.find((v) => v.status === "down")?.errorClass });
    expect(red.sides.lan.status, describeStatus(red)).toBe("up");

    const deadline = Date.parse((await gameDay(id)).deadlineAt!);
    await until(async () => !(await lanTables()).includes(id), "the agent to remove its nftables table at the deadline", deadline - Date.now() + REVERT_SLACK_MS);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 1_000);
    const done = await until(async () => {
      const g = await gameDay(id);
      return g.status === "completed" ? g : null;
    }, "the game day to be completed", 60_000);
    expect(done.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["started", "ack", "deadline", "reverted", "ended"]));
    const back = timings.start();
    await waitForRoute(api, bed!, routeId, bothSidesUp, "both sides green again after the revert");
    timings.record("gameday-revert-to-green", back());
    const outcome = (await gameDay(id)).outcome.items.find((i) => i.type === "route" && i.id === routeId);
    expect(outcome, JSON.stringify((await gameDay(id)).outcome)).toMatchObject({ observed: { lan: "up", away: "down" }, matches: true });
    expect(outcome!.failedVantages).toEqual([hp.hostIds.remote]);
  });

  it("the rules are gone at the deadline even when the control plane is killed mid-experiment, and a restart finishes it", { timeout: 300_000 }, async () => {
    const { id } = await api.post<{ id: string }>("/api/v1/gamedays", internetDown(CRASH_RUN_SEC));
    const deadline = Date.parse((await gameDay(id)).deadlineAt!);
    expect(await lanTables()).toContain(id);

    await server!.killHard();
    await until(async () => !(await lanTables()).includes(id), "the agent to remove its table at the deadline with no control plane", deadline - Date.now() + REVERT_SLACK_MS);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 1_000);

    server = await ServerProcess.start(dataDir, { port });
    const after = await until(async () => {
      const g = await gameDay(id).catch(() => null);
      return g && g.status !== "running" && g.status !== "reverting" ? g : null;
    }, "the restarted control plane to finish the game day", 120_000, () => server!.output.slice(-4000));
    expect(after.status, JSON.stringify(after)).toBe("completed");
    expect(after.timeline.some((e) => e.kind === "reverted")).toBe(true);
    await waitForRoute(api, bed!, routeId, bothSidesUp, "both sides green again after the crash run");
  });
});
