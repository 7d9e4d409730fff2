// kill -9 of the control plane in the middle of stack applies, again and again (as a power cut would).
// After every restart the database passes its integrity check, no stack apply is left `running`
// (an interrupted one ends failed, saying why), every service has exactly one container, and applying
// again converges: the last file's versions serve. A real server process, a real agent process (it
// survives the kills) and a real Docker engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Docker from "dockerode";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { LABELS } from "@/lib/protocol";
import type { StackRolloutView, StackView } from "@/lib/stacks";
import { ServerProcess, assertNextBuild, freePort } from "../helpers/server-process";
import { makeTempDir } from "../helpers/test-db";
import { integrity, killSeed, seededRandom } from "../helpers/kill";
import { apiFor, enrollmentToken, setUpOverHttp, until, type Api } from "../helpers/real-homeport";
import { buildBusyboxImage, cleanupDocker, ensureDocker } from "../agents/helpers/docker";
import { startAgent, type AgentProcess } from "../agents/helpers/agent-process";

const STACK = "hpt-sk";
const PREFIX = `${STACK}-`;
const ROUNDS = 6;
/** The kill lands this long after the apply was accepted (uniform, seeded). */
const MAX_KILL_DELAY_MS = 4_000;
const SETTLE_MS = 90_000;

const docker = new Docker();
const temp = makeTempDir("homeport-stack-kill-");
const seed = killSeed();

let server: ServerProcess;
let agent: AgentProcess;
let api: Api;
let image: string;
let port: number;
let webPort: number;
let hostId: string;
let stackId: string;


function compose(version: string): string {
  return `
services:
  db:
    image: \${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo db-${version} > /www/index.html && exec httpd -f -p 8080 -h /www"]
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"]
      interval: 1s
      timeout: 2s
      retries: 10
  web:
    image: \${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && wget -q -O /www/index.html http://db:8080/ && echo web-${version} >> /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports: ["127.0.0.1:\${WEB_PORT}:8080"]
    depends_on:
      db: { condition: service_healthy }
  worker:
    image: \${IMAGE}
    command: ["sh", "-c", "echo ${version}; while true; do sleep 1; done"]
    depends_on: [db]
`;
}

async function start(): Promise<void> {
  server = await ServerProcess.start(temp.dir, { port, env: { HOMEPORT_LOG_LEVEL: "info" } });
}


async function served(): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${webPort}/`, { signal: AbortSignal.timeout(2_000) });
    return (await r.text()).trim().replace(/\n/g, " ");
  } catch {
    return null;
  }
}

/** No apply running, one container per service, all running. */
async function quiet(): Promise<{ rollouts: StackRolloutView[] }> {
  return until(async () => {
    const rollouts = (await api.call<{ items: StackRolloutView[] }>("GET", `/api/v1/stacks/${stackId}/rollouts`)).items;
    if (rollouts.some((r) => r.status === "running")) return null;
    const deployments = await Promise.all(
      (await api.call<StackView>("GET", `/api/v1/stacks/${stackId}`)).services.map((s) => api.call<{ items: { status: string }[] }>("GET", `/api/v1/services/${s.serviceId}/deployments`)),
    );
    if (deployments.some((d) => d.items.some((x) => x.status === "running" || x.status === "pending"))) return null;
    for (const key of ["db", "web", "worker"]) {
      const list = await docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceName}=${PREFIX}${key}`] } });
      const temps = (await docker.listContainers({ all: true, filters: { name: [`${PREFIX}${key}-next-`] } })).length;
      if (list.length > 1 || temps > 0) return null;
    }
    return { rollouts };
  }, SETTLE_MS, "no stack apply or deployment running, at most one container per service");
}

beforeAll(async () => {
  assertNextBuild();
  await ensureDocker();
  image = await buildBusyboxImage();
  await cleanupDocker(PREFIX, { networks: [`${STACK}_default`] });
  port = await freePort();
  webPort = await freePort();
  await start();
  api = apiFor(() => server, await setUpOverHttp(server, temp.dir));
  const stateDir = mkdtempSync(join(tmpdir(), "homeport-stack-kill-agent-"));
  agent = startAgent(["--server", server.url, "--token", await enrollmentToken(api, `${PREFIX}host`), "--state-dir", stateDir]);
  hostId = await until(async () => (await api.call<{ items: { id: string; name: string }[] }>("GET", "/api/v1/hosts")).items.find((h) => h.name === `${PREFIX}host`)?.id, 30_000, "the agent to enroll");
  await until(async () => (await api.call<{ online: boolean }>("GET", `/api/v1/hosts/${hostId}/status`)).online, 30_000, "the agent to connect");
  stackId = (await api.call<StackView>("POST", "/api/v1/stacks", { name: STACK, hostId, compose: compose("v0"), env: `IMAGE=${image}\nWEB_PORT=${webPort}\n` })).id;
  await api.call("POST", `/api/v1/stacks/${stackId}/apply`, {});
  await until(async () => ((await served()) === "db-v0 web-v0" ? true : null), 120_000, "v0 to serve");
  const first = await quiet();
  expect(first.rollouts[0]?.status).toBe("succeeded");
}, 600_000);

afterAll(async () => {
  server?.kill();
  await agent?.kill("SIGKILL");
  await cleanupDocker(PREFIX, { image, networks: [`${STACK}_default`] });
  temp.cleanup();
}, 60_000);

describe("kill -9 during stack applies", () => {
  it(`${ROUNDS} kills leave a consistent database, no apply running, and a stack that converges on the next apply`, async () => {
    const random = seededRandom(seed);
    const rounds: { round: number; killAfterMs: number; outcome: string }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await until(async () => (await api.call<{ online: boolean }>("GET", `/api/v1/hosts/${hostId}/status`)).online, 60_000, `the agent before round ${round}`);
      await api.call("PATCH", `/api/v1/stacks/${stackId}`, { compose: compose(`v${round}`) });
      const accepted = await api.raw("POST", `/api/v1/stacks/${stackId}/apply`, {});
      expect(accepted.status, accepted.text).toBe(202);
      const killAfterMs = Math.floor(random() * MAX_KILL_DELAY_MS);
      await new Promise((r) => setTimeout(r, killAfterMs));
      await server.killHard();
      expect(integrity(temp.dir), `round ${round} (seed ${seed})`).toEqual({ check: "ok", dangling: 0 });
      await start();
      const { rollouts } = await quiet().catch((err: Error) => {
        throw new Error(`round ${round} (seed ${seed}, kill after ${killAfterMs} ms): ${err.message}\nagent:\n${agent.output().slice(-3000)}\nserver:\n${server.output.slice(-3000)}`);
      });
      const mine = rollouts[0]!;
      // Interrupted applies end failed with the reason; none stays running.
      if (mine.status === "failed") expect(mine.error).toMatch(/restarted during this apply|rolled back|failed|stopped/);
      rounds.push({ round, killAfterMs, outcome: `${mine.status}${mine.error ? `: ${mine.error.slice(0, 80)}` : ""}` });
    }
    expect(rounds.filter((r) => r.outcome.startsWith("failed")).length, JSON.stringify(rounds)).toBeGreaterThan(0);
    // Applying again converges on the last file.
    await until(async () => (await api.call<{ online: boolean }>("GET", `/api/v1/hosts/${hostId}/status`)).online, 60_000, "the agent at the end");
    await api.call("POST", `/api/v1/stacks/${stackId}/apply`, {});
    const last = await until(async () => {
      const r = (await api.call<{ items: StackRolloutView[] }>("GET", `/api/v1/stacks/${stackId}/rollouts`)).items[0]!;
      return r.status === "running" ? null : r;
    }, SETTLE_MS, "the final apply to end");
    expect(last.status, JSON.stringify(last)).toBe("succeeded");
    expect(await served()).toBe(`db-v${ROUNDS} web-v${ROUNDS}`);
    const view = await api.call<StackView>("GET", `/api/v1/stacks/${stackId}`);
    expect(view.services.map((s) => [s.key, s.state])).toEqual([["db", "running"], ["web", "running"], ["worker", "running"]]);
    console.log(JSON.stringify({ stackKill: { seed, rounds } }));
  }, ROUNDS * 150_000 + 120_000);
});
