// The agent against a real Docker engine: enrollment, deploy, redeploy, rollback, live state
// after `docker kill`, and an agent restart that reconverges without duplicates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { createEnrollmentToken, getHostStatusOrThrow } from "@/lib/agents";
import { sha256 } from "@/lib/auth/tokens";
import { ENROLL_PATH, LABELS } from "@/lib/protocol";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { actor, addService, changeService, deployAndWait, enrolledAgent, freePort, httpdCommand, meta } from "./helpers/fixtures";
import { openEventStream, waitUntil, type SseClient } from "./helpers/sse-client";
import { startAgent, type AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-a-";
const run = promisify(execFile);

let cp: TestControlPlane;
let image: string;
let hostId: string;
let stateDir: string;
let agent: AgentProcess;
let sse: SseClient;

const enrollWith = (token: string) =>
  fetch(`${cp.url}${ENROLL_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, hostname: "x", agentVersion: "0" }) });

async function serviceContainers(serviceId: string) {
  return docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=${serviceId}`] } });
}

async function httpGet(port: number): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
  return (await r.text()).trim();
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  sse = await openEventStream(`${cp.url}/api/v1/events`, cp.apiToken);
}, 300_000);

afterAll(async () => {
  sse?.close();
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

describe("enrollment", () => {
  it("a good token enrolls the agent, which keeps its credentials 0600 and connects", async () => {
    ({ hostId, stateDir, agent } = await enrolledAgent(cp, `${PREFIX}host`));
    const file = join(stateDir, "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(readFileSync(file, "utf8")) as { agentId: string; secret: string };
    expect(creds.agentId).toBe(hostId);
    const host = await cp.t.db.host.findUniqueOrThrow({ where: { id: hostId } });
    expect(host.agentSecretHash).toBe(sha256(creds.secret)); // only the hash is stored
    expect(JSON.stringify(host)).not.toContain(creds.secret);
    const status = await waitUntil(async () => {
      const s = await getHostStatusOrThrow(cp.t.db, hostId);
      return s.online && s.docker ? s : null;
    }, 10_000, "hello with docker info");
    expect(status.docker?.apiVersion).toMatch(/^1\.\d+/);
  }, 60_000);

  it("a reused token is refused", async () => {
    const { token } = await createEnrollmentToken(cp.t.db, { name: `${PREFIX}once` }, cp.url, actor, meta);
    expect((await enrollWith(token)).status).toBe(201);
    const again = await enrollWith(token);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  it("an expired token is refused", async () => {
    const past = new Date(Date.now() - 2 * 3600_000);
    const { token } = await createEnrollmentToken(cp.t.db, { name: `${PREFIX}late`, ttlMinutes: 60 }, cp.url, actor, meta, past);
    expect((await enrollWith(token)).status).toBe(401);
    expect(await cp.t.db.host.findUnique({ where: { name: `${PREFIX}late` } })).toBeNull();
  });

  it("forged tokens and forged agent credentials are refused", async () => {
    expect((await enrollWith("hpe_" + "A".repeat(43))).status).toBe(401);
    expect((await enrollWith("not-even-a-token")).status).toBe(401);
    const rogue = startAgent(["--server", cp.url, "--token", "hpe_forgedforgedforgedforged"], { HOMEPORT_AGENT_STATE_DIR: join(stateDir, "forged") });
    expect(await rogue.exited).toBe(1);
    expect(rogue.output()).toMatch(/enrollment refused \(HTTP 401\)/);
    const audit = await cp.t.db.auditEvent.findMany({ where: { action: "host.enroll.refused" } });
    expect(audit.length).toBeGreaterThanOrEqual(3);
  }, 30_000);
});

describe("deploy", () => {
  let serviceId: string;
  let port: number;

  it("deploys a busybox httpd reachable on its published 127.0.0.1 port", async () => {
    port = await freePort();
    const svc = await addService(cp.t.db, {
      name: `${PREFIX}web`,
      image,
      command: httpdCommand("hello-v1"),
      ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }],
      hostId,
    });
    serviceId = svc.id;
    const d = await deployAndWait(cp.t.db, serviceId);
    expect(d.error).toBeNull();
    expect(d.status).toBe("succeeded");
    expect(d.log.join("\n")).toMatch(/healthy/);
    expect(await waitUntil(async () => (await httpGet(port)) === "hello-v1", 10_000, "hello-v1")).toBe(true);
    const cs = await serviceContainers(serviceId);
    expect(cs.map((c) => c.Names[0])).toEqual([`/${PREFIX}web`]);
  }, 60_000);

  it("applying the same spec again changes nothing", async () => {
    const before = await serviceContainers(serviceId);
    const d = await deployAndWait(cp.t.db, serviceId);
    expect(d.status).toBe("unchanged");
    expect((await serviceContainers(serviceId)).map((c) => c.Id)).toEqual(before.map((c) => c.Id));
  }, 30_000);

  it("redeploys a changed spec into one new container", async () => {
    const before = (await serviceContainers(serviceId))[0]!.Id;
    await changeService(cp.t.db, serviceId, { command: httpdCommand("hello-v2") });
    const d = await deployAndWait(cp.t.db, serviceId);
    expect(d.status).toBe("succeeded");
    expect(await waitUntil(async () => (await httpGet(port)) === "hello-v2", 10_000, "hello-v2")).toBe(true);
    const cs = await serviceContainers(serviceId);
    expect(cs).toHaveLength(1);
    expect(cs[0]!.Id).not.toBe(before);
    expect(cs[0]!.Names[0]).toBe(`/${PREFIX}web`);
  }, 60_000);

  it("a failing new spec rolls back to the running container and says why", async () => {
    const before = (await serviceContainers(serviceId))[0]!.Id;
    await changeService(cp.t.db, serviceId, { command: ["sh", "-c", "echo cannot start >&2; exit 3"] });
    try {
      const d = await deployAndWait(cp.t.db, serviceId);
      expect(d.status).toBe("failed");
      expect(d.error).toMatch(/exited with code 3/);
      expect(d.error).toMatch(/cannot start/);
      const cs = await serviceContainers(serviceId);
      expect(cs.map((c) => c.Id)).toEqual([before]);
      expect(cs[0]!.State).toBe("running");
      // The old container was stopped for its port and started again: give httpd a moment.
      await waitUntil(async () => (await httpGet(port)) === "hello-v2", 10_000, "the previous version to answer again");
    } finally {
      await changeService(cp.t.db, serviceId, { command: httpdCommand("hello-v2") });
    }
  }, 60_000);

  it("the restart policy applies once the new container is healthy", async () => {
    const info = await docker.getContainer(`${PREFIX}web`).inspect();
    expect(info.HostConfig.RestartPolicy?.Name).toBe("unless-stopped");
  });

  it("a container killed outside Homeport shows as exited within 2 s", async () => {
    const id = (await serviceContainers(serviceId))[0]!.Id;
    const t0 = performance.now();
    await run("docker", ["kill", id]);
    const hit = await sse.waitFor((e) => e.type === "container/state" && e.container.containerId === id && e.container.state === "exited", 2_000, t0);
    expect(hit.at - t0).toBeLessThan(2_000);
    const row = await waitUntil(() => cp.t.db.containerState.findFirst({ where: { containerId: id, state: "exited" } }), 2_000, "the exited row");
    expect(row.serviceId).toBe(serviceId);
  }, 30_000);

  it("an agent killed and restarted reconnects, resends its snapshot and converges without duplicates", async () => {
    await deployAndWait(cp.t.db, serviceId); // bring the service back after the kill
    await agent.kill("SIGKILL");
    await waitUntil(async () => !cp.hub.isOnline(hostId), 5_000, "the hub to notice the agent is gone");
    const gone = await getHostStatusOrThrow(cp.t.db, hostId);
    expect(gone.online).toBe(false); // shown as unknown (last seen …), never "down"
    expect(gone.lastSeenAt).not.toBeNull();

    const t0 = performance.now();
    agent = startAgent(["--server", cp.url, "--state-dir", stateDir]); // no token: reuses its credentials
    await sse.waitFor((e) => e.type === "host/snapshot" && e.hostId === hostId, 20_000, t0);
    expect(cp.hub.isOnline(hostId)).toBe(true);
    const d = await deployAndWait(cp.t.db, serviceId);
    expect(d.status).toBe("unchanged");
    expect(await serviceContainers(serviceId)).toHaveLength(1);
    const rows = await cp.t.db.containerState.findMany({ where: { hostId, serviceId } });
    expect(rows).toHaveLength(1);
  }, 60_000);

  it("stop and start from the control plane are audited; unmanaged containers stay read-only", async () => {
    const { serviceContainerAction } = await import("@/lib/agents");
    const stopped = await serviceContainerAction(cp.t.db, serviceId, "stop", actor, meta);
    expect(stopped.container?.state).toBe("exited");
    const started = await serviceContainerAction(cp.t.db, serviceId, "start", actor, meta);
    expect(started.container?.state).toBe("running");
    const audit = await cp.t.db.auditEvent.findMany({ where: { targetId: serviceId, action: { in: ["service.stop", "service.start"] } } });
    expect(audit).toHaveLength(2);

    const outsider = await docker.createContainer({ name: `${PREFIX}outsider`, Image: image, Labels: { [LABELS.test]: PREFIX } });
    const session = cp.hub.requireSession(hostId);
    await expect(session.request("container/remove", { containerId: outsider.id })).rejects.toMatchObject({ code: "not_managed" });
    const list = await session.request("container/list", {});
    expect(list.containers.find((c) => c.id === outsider.id)?.managed).toBe(false);
  }, 60_000);
});
