// Catalog installs end to end on a real engine, through the API handlers and a real agent process:
// the two busybox test templates (test/fixtures/catalog, found through HOMEPORT_CATALOG_DIR) are
// listed, planned (nothing written) and installed — the stack rolls out health-gated, the checks
// are created and pass against the running app, the route is created once it is healthy, a
// generated password reaches the container. A stack name or hostname already taken is a 409 that
// creates nothing; a bad value is a 422 naming the variable; an install whose first rollout failed
// is finished once its stack is applied; with the agent away, 503 and nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { GET as listGET } from "@/app/api/v1/catalog/route";
import { GET as appGET } from "@/app/api/v1/catalog/[id]/route";
import { GET as iconGET } from "@/app/api/v1/catalog/[id]/icon/route";
import { POST as planPOST } from "@/app/api/v1/catalog/[id]/plan/route";
import { POST as installPOST } from "@/app/api/v1/catalog/[id]/install/route";
import { completeCatalogInstalls, type CatalogAppDetail, type CatalogInstallResult, type CatalogList, type CatalogPlan } from "@/lib/catalog";
import { getCheckOrThrow, updateCheck } from "@/lib/probes";
import { runCheck } from "@/lib/probes/engine/run";
import { applyStack, readStackEnv, updateStack } from "@/lib/stacks";
import { call, errorOf, makeRequest, type CallResult } from "../helpers/api";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, enrolledAgent, freePort, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";
import type { AgentProcess } from "../agents/helpers/agent-process";

const PREFIX = "hpt-cat-";
const WEB = "hpt-cat-web";
const PAIR = "hpt-cat-pair";
const HOSTNAME = "web.hpt-cat.home.arpa";
const LATE = "hpt-cat-late";
const LATE_HOST = "late.hpt-cat.home.arpa";
const ROLLOUT_TIMEOUT_MS = 120_000;

let cp: TestControlPlane;
let image: string;
let hostId: string;
let agent: AgentProcess;
let webPort: number;
let pairPort: number;
const savedCatalogDir = process.env.HOMEPORT_CATALOG_DIR;

const auth = () => ({ bearer: cp.apiToken });
const plan = (id: string, body: unknown) => call(planPOST, `/api/v1/catalog/${id}/plan`, { auth: auth(), body }, { id });
const install = (id: string, body: unknown) => call(installPOST, `/api/v1/catalog/${id}/install`, { auth: auth(), body }, { id });

async function serves(port: number): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    return (await r.text()).trim();
  } catch {
    return null;
  }
}

async function rolloutEnds(stackId: string): Promise<{ status: string; error: string | null }> {
  return waitUntil(async () => {
    const r = await cp.t.db.stackRollout.findFirst({ where: { stackId }, orderBy: { createdAt: "desc" } });
    return r && r.status !== "running" ? r : null;
  }, ROLLOUT_TIMEOUT_MS, "the install's rollout to end", 250);
}

/** What a refused install must not leave behind. */
async function counts() {
  const db = cp.t.db;
  return { stacks: await db.stack.count(), checks: await db.check.count(), routes: await db.route.count(), services: await db.service.count(), installs: await db.auditEvent.count({ where: { action: "catalog.install" } }) };
}

async function cleanup(): Promise<void> {
  await cleanupDocker(PREFIX, { networks: [`${WEB}_default`, `${PAIR}_default`, `${LATE}_default`] });
  for (const v of [`${WEB}_web-data`, `${PAIR}_db-data`, `${LATE}_web-data`]) await docker.getVolume(v).remove().catch(() => undefined);
}

beforeAll(async () => {
  process.env.HOMEPORT_CATALOG_DIR = resolve("test/fixtures/catalog");
  await ensureDocker();
  image = await buildBusyboxImage();
  await cleanup();
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
  webPort = await freePort();
  pairPort = await freePort();
}, 300_000);

afterAll(async () => {
  if (savedCatalogDir === undefined) delete process.env.HOMEPORT_CATALOG_DIR;
  else process.env.HOMEPORT_CATALOG_DIR = savedCatalogDir;
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanup();
  if (image) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
}, 60_000);

describe("the catalog API", () => {
  it("lists the test templates as the user's, with their images, and details one without its generated secrets", async () => {
    const r = await call(listGET, "/api/v1/catalog", { auth: auth() });
    expect(r.status).toBe(200);
    const list = r.body as CatalogList;
    const web = list.apps.find((a) => a.id === "hpt-web");
    expect(web).toMatchObject({ source: "user", hasIcon: true, egress: "open", gpu: "none", images: ["busybox:latest"], installed: [] });
    expect(list.apps.find((a) => a.id === "hpt-pair")).toMatchObject({ gpu: "optional", hasIcon: false });
    expect(list.broken.filter((b) => b.id.startsWith("hpt-"))).toEqual([]);

    const d = await call(appGET, "/api/v1/catalog/hpt-pair", { auth: auth() }, { id: "hpt-pair" });
    const detail = d.body as CatalogAppDetail;
    expect(detail.variables.find((v) => v.name === "DB_PASSWORD")).toMatchObject({ type: "password", generate: true, default: null });
    expect(detail.compose).toContain("wget -q -O /www/index.html http://db:8080/");
    expect((await call(appGET, "/api/v1/catalog/nope", { auth: auth() }, { id: "nope" })).status).toBe(404);
  });

  it("serves the checked icon so that nothing in it can run", async () => {
    const r = await iconGET(makeRequest("/api/v1/catalog/hpt-web/icon", { auth: auth() }), { params: Promise.resolve({ id: "hpt-web" }) });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/svg+xml");
    expect(r.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(await r.text()).toMatch(/^<svg /);
    expect((await call(iconGET, "/api/v1/catalog/hpt-pair/icon", { auth: auth() }, { id: "hpt-pair" })).status).toBe(404);
  });
});

describe("installing two apps on a real engine", () => {
  let webStack: string;

  it("plans the install without writing anything: the stack, the route's parts, the checks, the images on the host", async () => {
    const before = await counts();
    const r = await plan("hpt-web", { stackName: WEB, hostId, values: { IMAGE: image, WEB_PORT: webPort }, hostname: HOSTNAME });
    expect(r.status, r.text).toBe(200);
    const p = r.body as CatalogPlan;
    expect(p.stack.plan.steps.map((s) => [s.key, s.name, s.action])).toEqual([["web", `${WEB}-web`, "create"]]);
    expect(p.stack.services[0]!.ports).toEqual([`127.0.0.1:${webPort}→8080/tcp`]);
    expect(p.route).toEqual({ hostname: HOSTNAME, exposure: "lan", service: "web", port: 8080 });
    expect(p.dns.map((x) => x.part)).toEqual(["lan-dns", "proxy", "tunnel", "public-dns"]);
    expect(p.checks).toEqual([{ name: "Web page", type: "http", target: `http://127.0.0.1:${webPort}/`, from: `from ${PREFIX}host's agent (the port is published on loopback)` }]);
    expect(p.images).toEqual([{ image, present: true }]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a bad value with 422 keyed by the variable, creating nothing", async () => {
    const before = await counts();
    const r = await plan("hpt-web", { stackName: WEB, hostId, values: { IMAGE: image, WEB_PORT: "eighty" } });
    expect(r.status).toBe(422);
    expect(errorOf(r).issues).toEqual([{ path: "values.WEB_PORT", message: "a port number from 1 to 65535" }]);
    expect((await install("hpt-web", { stackName: WEB, hostId, values: { IMAGE: image, WEB_PORT: 0 } })).status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("installs the web app: health-gated rollout, a passing check, the route once healthy, audited", async () => {
    const r: CallResult = await install("hpt-web", { stackName: WEB, hostId, values: { IMAGE: image, WEB_PORT: webPort, GREETING: "hello, catalog" }, hostname: HOSTNAME });
    expect(r.status, r.text).toBe(202);
    const res = r.body as CatalogInstallResult;
    webStack = res.stackId;
    expect(res).toMatchObject({ routePending: HOSTNAME, routeId: null });
    expect(res.checkIds).toHaveLength(1);
    const stack = await cp.t.db.stack.findUniqueOrThrow({ where: { id: res.stackId } });
    expect(stack).toMatchObject({ name: WEB, catalogApp: "hpt-web", hostId });
    expect((await rolloutEnds(res.stackId)).status).toBe("succeeded");
    expect(await serves(webPort)).toBe("hello, catalog");

    const route = await waitUntil(() => cp.t.db.route.findUnique({ where: { hostname: HOSTNAME }, include: { service: true } }), 20_000, "the route to be created");
    expect(route).toMatchObject({ servicePort: 8080, exposure: "lan", service: { name: `${WEB}-web` } });
    const check = await waitUntil(async () => {
      const c = await getCheckOrThrow(cp.t.db, res.checkIds[0]!);
      return c.enabled ? c : null;
    }, 20_000, "the check to resume");
    // Published on loopback: only the host's own agent can reach it.
    expect(check).toMatchObject({ type: "http", groupName: WEB, tags: ["hpt-web"], vantages: [hostId] });
    const result = await runCheck({ type: check.type, target: check.target } as Parameters<typeof runCheck>[0], { timeoutMs: 5_000 });
    expect(result.ok, JSON.stringify(result)).toBe(true);

    const audit = await cp.t.db.auditEvent.findFirstOrThrow({ where: { action: "catalog.install" } });
    expect(audit.targetId).toBe(res.stackId);
    const list = (await call(listGET, "/api/v1/catalog", { auth: auth() })).body as CatalogList;
    expect(list.apps.find((a) => a.id === "hpt-web")!.installed).toEqual([WEB]);
  }, ROLLOUT_TIMEOUT_MS + 30_000);

  it("installs the two-service app in dependency order with a generated password in its sealed .env", async () => {
    const r = await install("hpt-pair", { stackName: PAIR, hostId, values: { IMAGE: image, APP_PORT: pairPort } });
    expect(r.status, r.text).toBe(202);
    const res = r.body as CatalogInstallResult;
    expect(res.routePending).toBeNull();
    expect((await rolloutEnds(res.stackId)).status).toBe("succeeded");
    const env = (await readStackEnv(cp.t.db, res.stackId)).env;
    const password = /^DB_PASSWORD=([A-Za-z0-9]+)$/m.exec(env)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    // app fetched db's page, which counts the password's characters: the secret reached the container.
    expect(await serves(pairPort)).toBe("32");
    const stored = await cp.t.db.stack.findUniqueOrThrow({ where: { id: res.stackId }, select: { envSealed: true } });
    expect(stored.envSealed).not.toContain(password!);
    const check = await waitUntil(async () => {
      const c = await getCheckOrThrow(cp.t.db, res.checkIds[0]!);
      return c.enabled ? c : null;
    }, 20_000, "the tcp check to resume");
    expect(check.target).toEqual({ host: "127.0.0.1", port: pairPort });
    expect((await runCheck({ type: check.type, target: check.target } as Parameters<typeof runCheck>[0], { timeoutMs: 5_000 })).ok).toBe(true);
  }, ROLLOUT_TIMEOUT_MS + 30_000);

  it("answers 409 for a stack name or a hostname already taken, and creates nothing", async () => {
    expect(webStack).toBeTruthy();
    const before = await counts();
    const nameTaken = await install("hpt-pair", { stackName: WEB, hostId, values: { IMAGE: image, APP_PORT: await freePort() } });
    expect(nameTaken.status).toBe(409);
    expect(errorOf(nameTaken).message).toMatch(new RegExp(`stack named "${WEB}" already exists`));
    const hostTaken = await install("hpt-web", { stackName: `${PREFIX}other`, hostId, values: { IMAGE: image, WEB_PORT: await freePort() }, hostname: HOSTNAME });
    expect(hostTaken.status).toBe(409);
    expect(errorOf(hostTaken).message).toMatch(new RegExp(`${HOSTNAME.replace(/\./g, "\\.")} is already routed to service "${WEB}-web"`));
    expect((await plan("hpt-web", { stackName: `${PREFIX}other`, hostId, values: { IMAGE: image }, hostname: HOSTNAME })).status).toBe(409);
    expect(await counts()).toEqual(before);
    expect(await cp.t.db.stack.findUnique({ where: { name: `${PREFIX}other` } })).toBeNull();
  });

  it("finishes an install whose first rollout failed once its stack is applied: the route appears and the checks resume, once", async () => {
    const deadPort = await freePort(); // nothing listens there: the pull is refused on loopback
    const r = await install("hpt-web", { stackName: LATE, hostId, values: { IMAGE: `127.0.0.1:${deadPort}/busybox:missing`, WEB_PORT: await freePort() }, hostname: LATE_HOST });
    expect(r.status, r.text).toBe(202);
    const res = r.body as CatalogInstallResult;
    expect((await rolloutEnds(res.stackId)).status).toBe("failed");
    expect(await completeCatalogInstalls(cp.t.db)).toBe(0);
    expect(await cp.t.db.route.findUnique({ where: { hostname: LATE_HOST } })).toBeNull();
    expect((await getCheckOrThrow(cp.t.db, res.checkIds[0]!)).enabled).toBe(false);

    // The owner fixes the image (say, once it is mirrored) and applies the stack as any stack.
    const env = (await readStackEnv(cp.t.db, res.stackId)).env.replace(/^IMAGE=.*$/m, `IMAGE=${image}`);
    await updateStack(cp.t.db, res.stackId, { env }, actor, meta);
    const { finished } = await applyStack(cp.t.db, res.stackId, { pull: false }, actor, meta);
    expect((await finished).status).toBe("succeeded");
    expect(await completeCatalogInstalls(cp.t.db)).toBe(1);
    const route = await cp.t.db.route.findUniqueOrThrow({ where: { hostname: LATE_HOST }, include: { service: true } });
    expect(route.service?.name).toBe(`${LATE}-web`);
    expect((await getCheckOrThrow(cp.t.db, res.checkIds[0]!)).enabled).toBe(true);
    const done = await cp.t.db.auditEvent.findFirstOrThrow({ where: { action: "catalog.install.complete", targetId: res.stackId } });
    expect(JSON.parse(done.details ?? "{}")).toMatchObject({ routeId: route.id, resumedChecks: 1 });
    // Done once: a check the owner pauses afterwards stays paused.
    await updateCheck(cp.t.db, res.checkIds[0]!, { enabled: false }, actor, meta);
    expect(await completeCatalogInstalls(cp.t.db)).toBe(0);
    expect((await getCheckOrThrow(cp.t.db, res.checkIds[0]!)).enabled).toBe(false);
  }, ROLLOUT_TIMEOUT_MS * 2);

  it("refuses with 503 while the host's agent is away, and creates nothing", async () => {
    await agent.kill("SIGKILL");
    await waitUntil(async () => !cp.hub.isOnline(hostId), 20_000, "the agent to disconnect");
    const before = await counts();
    const r = await install("hpt-web", { stackName: `${PREFIX}away`, hostId, values: { IMAGE: image, WEB_PORT: await freePort() } });
    expect(r.status).toBe(503);
    expect(errorOf(r).message).toMatch(new RegExp(`${PREFIX}host`));
    expect(await counts()).toEqual(before);
    // The plan still answers; whether the images are there is unknown.
    const p = await plan("hpt-web", { stackName: `${PREFIX}away`, hostId, values: { IMAGE: image } });
    expect((p.body as CatalogPlan).images).toEqual([{ image, present: null }]);
  });
});
