// A three-service stack on a real engine, through the stacks domain and a real agent process: a web
// service that depends on a healthy "db" (reached by its alias on the stack's private network) and
// a worker. Apply; change one variable (only that service is recreated); break a healthcheck (that
// service rolls back, the old container keeps serving, the rollout stops with the reason); roll back
// to version 1; remove without and with the named volumes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABELS } from "@/lib/protocol";
import { applyStack, createStack, getStackOrThrow, listStackVersions, planStackApply, removeStack, stackAction, stackLogs, updateStack } from "@/lib/stacks";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, enrolledAgent, freePort, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";
import type { AgentProcess } from "../agents/helpers/agent-process";

const PREFIX = "hpt-stk-";
const STACK = "hpt-stk";

let cp: TestControlPlane;
let image: string;
let hostId: string;
let agent: AgentProcess;
let webPort: number;

/** db serves its version; web serves what it fetched from http://db:8080/ plus its own version. */
function composeFile(opts: { webVersion: string; webHealth?: string[] }): string {
  const health = opts.webHealth ?? ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"];
  return `
services:
  db:
    image: \${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo db-$\${DB_VERSION} > /www/index.html && exec httpd -f -p 8080 -h /www"]
    environment:
      DB_VERSION: "1"
    volumes:
      - dbdata:/data
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"]
      interval: 1s
      timeout: 2s
      retries: 10
  web:
    image: \${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && wget -q -O /www/index.html http://db:8080/ && echo web-$\${WEB_VERSION} >> /www/index.html && exec httpd -f -p 8080 -h /www"]
    environment:
      WEB_VERSION: "${opts.webVersion}"
    ports:
      - "127.0.0.1:\${WEB_PORT}:8080"
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ${JSON.stringify(health)}
      interval: 1s
      timeout: 2s
      retries: 3
  worker:
    image: \${IMAGE}
    command: ["sh", "-c", "echo worker-up; echo worker-ready >&2; while true; do sleep 1; done"]
    init: true
    stop_grace_period: 2s
    depends_on: [db]
volumes:
  dbdata:
`;
}

const env = () => `IMAGE=${image}\nWEB_PORT=${webPort}\n`;

async function serves(): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${webPort}/`, { signal: AbortSignal.timeout(2_000) });
    return (await r.text()).trim().replace(/\n/g, " ");
  } catch {
    return null;
  }
}

async function containerOf(name: string): Promise<{ id: string; state: string } | null> {
  const list = await docker.listContainers({ all: true, filters: { name: [`^/${name}$`] } });
  return list[0] ? { id: list[0].Id, state: list[0].State } : null;
}

async function volumeExists(name: string): Promise<boolean> {
  return docker.getVolume(name).inspect().then(() => true, () => false);
}

async function networkExists(name: string): Promise<boolean> {
  return docker.getNetwork(name).inspect().then(() => true, () => false);
}

async function apply(stackId: string, version?: number) {
  const { finished } = await applyStack(cp.t.db, stackId, { pull: false, ...(version !== undefined && { version }) }, actor, meta);
  return finished;
}

async function cleanup(): Promise<void> {
  await cleanupDocker(PREFIX, { networks: [`${STACK}_default`] });
  await docker.getVolume(`${STACK}_dbdata`).remove().catch(() => undefined);
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  await cleanup();
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
  webPort = await freePort();
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanup();
  if (image) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
}, 60_000);

describe("a three-service stack", () => {
  let stackId: string;

  it("plans three creations in dependency order, applies them, and web reaches db by its alias", async () => {
    const stack = await createStack(cp.t.db, { name: STACK, hostId, compose: composeFile({ webVersion: "1" }), env: env() }, actor, meta);
    stackId = stack.id;
    expect(stack.envVariables).toEqual(["IMAGE", "WEB_PORT"]);
    const plan = await planStackApply(cp.t.db, stackId);
    expect(plan.steps.map((s) => [s.key, s.action, s.level])).toEqual([["db", "create", 0], ["web", "create", 1], ["worker", "create", 1]]);

    const r = await apply(stackId);
    expect(r.status, JSON.stringify(r)).toBe("succeeded");
    expect(r.steps.map((s) => [s.key, s.status])).toEqual([["db", "succeeded"], ["web", "succeeded"], ["worker", "succeeded"]]);
    expect(await serves()).toBe("db-1 web-1");
    const view = await getStackOrThrow(cp.t.db, stackId);
    expect(view.appliedVersion).toBe(1);
    expect(view.pendingChanges).toBe(false);
    expect(view.services.map((s) => [s.key, s.name])).toEqual([["db", `${STACK}-db`], ["web", `${STACK}-web`], ["worker", `${STACK}-worker`]]);
    // The stack's own network (not the default bridge) and its named volume, labelled as the stack's.
    const db = await docker.getContainer((await containerOf(`${STACK}-db`))!.id).inspect();
    expect(Object.keys(db.NetworkSettings.Networks)).toEqual([`${STACK}_default`]);
    expect(db.Config.Labels[LABELS.managed]).toBe("true");
    expect((await docker.getVolume(`${STACK}_dbdata`).inspect()).Labels?.["homeport.stack"]).toBe(STACK);
  }, 180_000);

  it("a changed variable recreates only that service; the others keep their containers", async () => {
    const before = { db: await containerOf(`${STACK}-db`), web: await containerOf(`${STACK}-web`), worker: await containerOf(`${STACK}-worker`) };
    await updateStack(cp.t.db, stackId, { compose: composeFile({ webVersion: "2" }) }, actor, meta);
    const plan = await planStackApply(cp.t.db, stackId);
    expect(plan.steps.map((s) => [s.key, s.action, s.reasons])).toEqual([
      ["db", "unchanged", []], ["web", "recreate", ["environment (WEB_VERSION)"]], ["worker", "unchanged", []],
    ]);
    const r = await apply(stackId);
    expect(r.status, JSON.stringify(r)).toBe("succeeded");
    expect(await serves()).toBe("db-1 web-2");
    expect((await containerOf(`${STACK}-db`))!.id).toBe(before.db!.id);
    expect((await containerOf(`${STACK}-worker`))!.id).toBe(before.worker!.id);
    expect((await containerOf(`${STACK}-web`))!.id).not.toBe(before.web!.id);
  }, 180_000);

  it("a broken healthcheck rolls that service back: the old container keeps serving and the rollout stops with the reason", async () => {
    const web = await containerOf(`${STACK}-web`);
    await updateStack(cp.t.db, stackId, { compose: composeFile({ webVersion: "3", webHealth: ["CMD", "false"] }) }, actor, meta);
    const r = await apply(stackId);
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/^web: .*(unhealthy|not healthy)/);
    expect(r.steps.find((s) => s.key === "web")).toMatchObject({ status: "failed" });
    // web publishes a host port, so its old container was stopped while the new one was on
    // probation (the port cannot be shared) and started again by the rollback: it serves again.
    await waitUntil(async () => (await serves()) === "db-1 web-2", 15_000, "the old web container to serve again");
    expect((await containerOf(`${STACK}-web`))!.id).toBe(web!.id);
    const view = await getStackOrThrow(cp.t.db, stackId);
    // The applied version is still the last good one; the inventory says what runs.
    expect(view.appliedVersion).toBe(2);
    const row = await cp.t.db.service.findUniqueOrThrow({ where: { name: `${STACK}-web` } });
    expect(JSON.parse(row.env)).toEqual({ WEB_VERSION: "2" });
  }, 180_000);

  it("rolls back to version 1 in one step, which becomes a new version", async () => {
    const r = await apply(stackId, 1);
    expect(r.status, JSON.stringify(r)).toBe("succeeded");
    expect(await serves()).toBe("db-1 web-1");
    const versions = await listStackVersions(cp.t.db, stackId);
    expect(versions.map((v) => [v.version, v.applied])).toEqual([[4, true], [3, false], [2, false], [1, false]]);
    // The file being edited is the rolled-back one again.
    expect((await getStackOrThrow(cp.t.db, stackId)).pendingChanges).toBe(false);
  }, 180_000);

  it("reads the logs of every service or one, searchable, each line tagged with its service", async () => {
    const all = await waitUntil(async () => {
      const r = await stackLogs(cp.t.db, stackId, { tail: 50 });
      return r.lines.some((l) => l.service === "worker") ? r : null;
    }, 10_000, "the worker's output");
    expect(all.missing).toEqual([]);
    expect(all.lines).toContainEqual({ service: "worker", stream: "stdout", text: expect.stringContaining("worker-up") });
    expect(all.lines).toContainEqual({ service: "worker", stream: "stderr", text: expect.stringContaining("worker-ready") });
    const found = await stackLogs(cp.t.db, stackId, { tail: 50, q: "READY" });
    expect(found.lines.map((l) => [l.service, l.text.trim()])).toEqual([["worker", "worker-ready"]]);
    const one = await stackLogs(cp.t.db, stackId, { tail: 50, service: "db" });
    expect(one.lines.every((l) => l.service === "db")).toBe(true);
    await expect(stackLogs(cp.t.db, stackId, { tail: 50, service: "nope" })).rejects.toThrow(/not found/);
  }, 60_000);

  it("stops and starts the stack, and one service", async () => {
    await stackAction(cp.t.db, stackId, { action: "stop" }, actor, meta);
    for (const k of ["db", "web", "worker"]) expect((await containerOf(`${STACK}-${k}`))!.state).toBe("exited");
    await stackAction(cp.t.db, stackId, { action: "start" }, actor, meta);
    await waitUntil(async () => (await serves()) === "db-1 web-1", 20_000, "web to serve again");
    await stackAction(cp.t.db, stackId, { action: "stop", service: "worker" }, actor, meta);
    expect((await containerOf(`${STACK}-worker`))!.state).toBe("exited");
    expect((await containerOf(`${STACK}-web`))!.state).toBe("running");
  }, 120_000);

  it("removes the stack without its volumes, then again with them", async () => {
    const out = await removeStack(cp.t.db, stackId, { volumes: false }, actor, meta);
    expect(out.removedNetworks).toEqual([`${STACK}_default`]);
    expect(out.removedVolumes).toEqual([]);
    for (const k of ["db", "web", "worker"]) expect(await containerOf(`${STACK}-${k}`)).toBeNull();
    expect(await networkExists(`${STACK}_default`)).toBe(false);
    expect(await volumeExists(`${STACK}_dbdata`)).toBe(true);
    expect(await cp.t.db.service.count({ where: { name: { startsWith: `${STACK}-` } } })).toBe(0);

    // The same stack again reuses the kept volume; removing it with volumes deletes them.
    const again = await createStack(cp.t.db, { name: STACK, hostId, compose: composeFile({ webVersion: "1" }), env: env() }, actor, meta);
    expect((await apply(again.id)).status).toBe("succeeded");
    const gone = await removeStack(cp.t.db, again.id, { volumes: true }, actor, meta);
    expect(gone.removedVolumes).toEqual([`${STACK}_dbdata`]);
    expect(await volumeExists(`${STACK}_dbdata`)).toBe(false);
  }, 240_000);
});
