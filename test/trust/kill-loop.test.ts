// kill -9 of the control plane, again and again, at random moments while it deploys, applies a
// route and ingests probe results (as a power cut to the server would). After every restart the
// database passes its integrity check, and within 60 s no deployment is left `running`, the
// service has exactly one container, and what serves is the spec Homeport says it deployed. At
// the end the last desired spec deploys and serves, and the route's parts are all applied.
// A real server process, a real agent process (it survives the kills) and a real Docker engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Docker from "dockerode";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { LABELS } from "@/lib/protocol";
import { ServerProcess, assertNextBuild, freePort } from "../helpers/server-process";
import { makeTempDir } from "../helpers/test-db";
import { integrity, killSeed, seededRandom } from "../helpers/kill";
import { apiFor, enrollmentToken, setUpOverHttp, until, type Api } from "../helpers/real-homeport";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../agents/helpers/docker";
import { startAgent, type AgentProcess } from "../agents/helpers/agent-process";
import { httpdCommand } from "../agents/helpers/fixtures";
import { startCaddy, type CaddyProcess } from "../ingress/caddy-harness";

const PREFIX = "hpt-kill-";
const ROUNDS = 20;
/** The kill lands this long after the operations were fired (uniform, from a seeded generator). */
const MAX_KILL_DELAY_MS = 2_500;
/** What "eventually" means after each restart (the issue's bound). */
const SETTLE_MS = 60_000;
const CHECKS = 20;

const docker = new Docker();
const temp = makeTempDir("homeport-kill-");
const seed = killSeed();


let server: ServerProcess;
let agent: AgentProcess;
let caddy: CaddyProcess;
let api: Api;
let image: string;
let port: number;
let servicePort: number;
let hostId: string;
let serviceId: string;
let routeId: string;
/** Which version each deployed spec hash serves (the httpd answers with it). */
const versionOf = new Map<string, string>();

interface Deployment { id: string; status: string; specHash: string | null; error: string | null; createdAt: string }

async function start(): Promise<void> {
  server = await ServerProcess.start(temp.dir, { port, env: { HOMEPORT_LOG_LEVEL: "info" } });
}

async function serviceContainers(): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=${serviceId}`] } });
}

async function served(): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${servicePort}/`, { signal: AbortSignal.timeout(2_000) });
    return (await r.text()).trim();
  } catch {
    return null;
  }
}


/** The state every restart must reach: nothing running, one container, serving what was deployed. */
async function settled(): Promise<{ deployments: Deployment[]; version: string }> {
  return settledOnce().catch(async (err: Error) => {
    // Say what the system looked like instead, so a failure can be read without a rerun.
    const list = await api.call<{ items: Deployment[] }>("GET", `/api/v1/services/${serviceId}/deployments`).then((r) => r.items.slice(0, 5)).catch((e: Error) => e.message);
    const containers = (await serviceContainers().catch(() => [])).map((c) => ({ name: c.Names[0], state: c.State, hash: c.Labels[LABELS.specHash] }));
    throw new Error(`${err.message}\nseed ${seed}\ndeployments: ${JSON.stringify(list)}\ncontainers: ${JSON.stringify(containers)}\nserving: ${await served()}\nagent:\n${agent.output().slice(-3000)}\nserver:\n${server.output.slice(-3000)}`);
  });
}

async function settledOnce(): Promise<{ deployments: Deployment[]; version: string }> {
  return until(async () => {
    const list = (await api.call<{ items: Deployment[] }>("GET", `/api/v1/services/${serviceId}/deployments`)).items;
    if (list.some((d) => d.status === "running" || d.status === "pending")) return null;
    const containers = await serviceContainers();
    if (containers.length !== 1 || containers[0]!.State !== "running") return null;
    const deployed = list.find((d) => d.status === "succeeded" || d.status === "unchanged");
    const hash = containers[0]!.Labels[LABELS.specHash];
    if (!deployed || hash !== deployed.specHash) return null;
    const version = await served();
    if (version === null || version !== versionOf.get(hash)) return null;
    return { deployments: list, version };
  }, SETTLE_MS, "no running deployment, one container, serving the deployed spec");
}

beforeAll(async () => {
  assertNextBuild();
  await ensureDocker();
  // A run that was itself killed leaves its containers (same names): start from none.
  await cleanupDocker(PREFIX);
  image = await buildBusyboxImage();
  caddy = await startCaddy(({ http, https }) => ({ apps: { http: { servers: { srv0: { listen: [`127.0.0.1:${https}`], routes: [] } }, http_port: http, https_port: https } } }));
  port = await freePort();
  servicePort = await freePort();
  await start();
  api = apiFor(() => server, await setUpOverHttp(server, temp.dir));

  const stateDir = mkdtempSync(join(tmpdir(), "homeport-kill-agent-"));
  agent = startAgent(["--server", server.url, "--token", await enrollmentToken(api, `${PREFIX}host`), "--state-dir", stateDir]);
  hostId = await until(async () => (await api.call<{ items: { id: string; name: string }[] }>("GET", "/api/v1/hosts")).items.find((h) => h.name === `${PREFIX}host`)?.id, 30_000, "the agent to enroll");
  await until(async () => (await api.call<{ online: boolean }>("GET", `/api/v1/hosts/${hostId}/status`)).online, 30_000, "the agent to connect");

  await api.call("PATCH", "/api/v1/ingress/settings", { adminUrl: caddy.adminUrl, serverName: "srv0", httpPort: caddy.httpPort, httpsPort: caddy.httpsPort, proxyAddress: "127.0.0.1" });
  const svc = await api.call<{ id: string }>("POST", "/api/v1/services", {
    name: `${PREFIX}web`, image, hostId, command: httpdCommand("v0"), env: { VERSION: "v0" }, ports: [{ container: 8080, host: servicePort }],
  });
  serviceId = svc.id;
  const d = await api.call<{ specHash: string }>("POST", `/api/v1/services/${serviceId}/deploy`, {});
  versionOf.set(d.specHash, "v0");
  routeId = (await api.call<{ id: string }>("POST", "/api/v1/routes", { hostname: "kill.home.arpa", serviceId, servicePort: 8080, exposure: "lan" })).id;
  await api.call("POST", `/api/v1/routes/${routeId}/apply`);
  // Probe ingest keeps running under every kill: checks at the shortest interval.
  for (let i = 0; i < CHECKS; i++) {
    await api.call("POST", "/api/v1/checks", { name: `${PREFIX}check-${i}`, type: "http", target: { url: `http://127.0.0.1:${servicePort}/?n=${i}` }, intervalSec: 10, timeoutMs: 2_000, retries: 0 });
  }
  await settled();
}, 600_000);

afterAll(async () => {
  server?.kill();
  await agent?.kill("SIGKILL");
  await caddy?.stop();
  await cleanupDocker(PREFIX, { image });
  temp.cleanup();
}, 60_000);

describe("kill -9 of the control plane at random moments", () => {
  it(`${ROUNDS} kills during deploys, route applies and probe ingest leave a consistent, converging system`, async () => {
    const random = seededRandom(seed);
    const rounds: { round: number; killAfterMs: number; deployAnswer: number | null; outcome: string; settleMs: number; integrity: string }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const version = `v${round}`;
      // Fire only once the agent is back: a deploy refused with 503 would interrupt nothing.
      await until(async () => (await api.call<{ online: boolean }>("GET", `/api/v1/hosts/${hostId}/status`)).online, 60_000, `the agent to reconnect before round ${round}`);
      const roundStart = new Date(Date.now() - 1_000).toISOString();
      // Fire: a spec change and its deploy, a route apply, a check edit (probes ingest throughout).
      let deployAnswer: number | null = null;
      const fired = (async () => {
        await api.raw("PATCH", `/api/v1/services/${serviceId}`, { command: httpdCommand(version), env: { VERSION: version } });
        const r = await api.raw("POST", `/api/v1/services/${serviceId}/deploy`, {});
        deployAnswer = r.status;
        const hash = (r.body as { specHash?: string } | undefined)?.specHash;
        if (hash) versionOf.set(hash, version);
      })().catch(() => undefined);
      void api.raw("POST", `/api/v1/routes/${routeId}/apply`).catch(() => undefined);
      const killAfterMs = Math.floor(random() * MAX_KILL_DELAY_MS);
      await new Promise((r) => setTimeout(r, killAfterMs));
      await server.killHard();
      await fired;

      const db = integrity(temp.dir);
      expect(db, `round ${round}`).toEqual({ check: "ok", dangling: 0 });

      await start();
      const t0 = Date.now();
      const state = await settled().catch((err: Error) => {
        throw new Error(`round ${round} (kill after ${killAfterMs} ms): ${err.message}`);
      });
      // This round's rollout, if the deploy request got in before the kill: how it was resolved.
      const mine = state.deployments.filter((d) => d.createdAt >= roundStart);
      const outcome = mine.length === 0 ? "not started (killed first)" : mine.map((d) => `${d.status}${d.error ? `: ${d.error}` : ""}`).join(", ");
      rounds.push({ round, killAfterMs, deployAnswer, outcome, settleMs: Date.now() - t0, integrity: db.check });
    }

    // The kills landed where they should: most rounds interrupted an accepted rollout.
    expect(rounds.filter((r) => r.deployAnswer === 202 || !r.outcome.startsWith("not started")).length, JSON.stringify(rounds)).toBeGreaterThanOrEqual(ROUNDS / 2);
    // The last desired spec deploys and serves; the route's parts are all applied again.
    await until(async () => (await api.call<{ online: boolean }>("GET", `/api/v1/hosts/${hostId}/status`)).online, 30_000, "the agent to reconnect");
    const final = await api.raw("POST", `/api/v1/services/${serviceId}/deploy`, {});
    expect(final.status, `${final.text}\n${server.logs.filter((l) => l.level === "error").map((l) => JSON.stringify(l)).join("\n")}`).toBe(202);
    versionOf.set((final.body as { specHash: string }).specHash, `v${ROUNDS}`);
    const end = await settled();
    expect(end.version).toBe(`v${ROUNDS}`);
    await until(async () => {
      const s = await api.call<{ parts: { part: string; status: string }[] }>("GET", `/api/v1/routes/${routeId}/status`);
      return s.parts.every((p) => p.status === "ok" || p.status === "skipped") ? s : null;
    }, SETTLE_MS, "the route's parts to be applied");
    const all = (await api.call<{ items: Deployment[] }>("GET", `/api/v1/services/${serviceId}/deployments`)).items;
    expect(all.filter((d) => d.status === "running" || d.status === "pending")).toEqual([]);
    console.log(JSON.stringify({ killLoop: { seed, rounds: rounds.length, settleMsMax: Math.max(...rounds.map((r) => r.settleMs)), outcomes: rounds.map((r) => `${r.round}@${r.killAfterMs}ms (answer ${r.deployAnswer ?? "none"}) → ${r.outcome.slice(0, 90)}`) } }));
  }, ROUNDS * 120_000);
});
