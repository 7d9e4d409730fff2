// Deleting a service with a real agent and engine: its container and published port are gone; with
// the agent offline the container is left, listed as orphaned on its host, and removable once the
// agent is back. Bulk actions: a stop is a deliberate stop (desired state), each service reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as serviceDELETE } from "@/app/api/v1/services/[id]/route";
import { GET as servicesGET } from "@/app/api/v1/services/route";
import { POST as bulkPOST } from "@/app/api/v1/services/bulk/route";
import { GET as containersGET } from "@/app/api/v1/hosts/[id]/containers/route";
import { GET as containerGET } from "@/app/api/v1/services/[id]/container/route";
import { POST as orphanPOST } from "@/app/api/v1/hosts/[id]/containers/[containerId]/remove/route";
import { createApiToken } from "@/lib/auth";
import { LABELS } from "@/lib/protocol";
import type { BulkResult, HostContainerView, ServiceDeleteReport } from "@/lib/agents";
import type { ServiceRow } from "@/lib/inventory";
import { call, errorOf } from "../helpers/api";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { addService, deployAndWait, enrolledAgent, freePort, httpdCommand } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";
import { startAgent, type AgentProcess } from "../agents/helpers/agent-process";

const PREFIX = "hpt-del-";
let cp: TestControlPlane;
let image: string;
let hostId: string;
let stateDir: string;
let agent: AgentProcess;
let write: string;
let viewer: string;

const serviceContainers = (serviceId: string) => docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=${serviceId}`] } });
const answers = (port: number) => fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
const del = (id: string, qs = "") => call(serviceDELETE, `/api/v1/services/${id}${qs}`, { method: "DELETE", auth: { bearer: write } }, { id });
const hostContainers = async () => (await call(containersGET, `/api/v1/hosts/${hostId}/containers`, { auth: { bearer: write } }, { id: hostId })).body as { items: HostContainerView[] };

async function deployedHttpd(name: string, port?: number) {
  const svc = await addService(cp.t.db, { name: `${PREFIX}${name}`, image, command: httpdCommand(name), hostId, ...(port ? { ports: [{ container: 8080, host: port, protocol: "tcp" as const, hostIp: "127.0.0.1" }] } : {}), volumes: [{ source: `${PREFIX}${name}-data`, target: "/data", readOnly: false }] });
  expect((await deployAndWait(cp.t.db, svc.id)).status).toBe("succeeded");
  return svc;
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  write = (await createApiToken(cp.t.db, { userId: cp.userId, name: "script", scopes: ["write"], expiresAt: null })).token;
  viewer = (await createApiToken(cp.t.db, { userId: cp.userId, name: "reader", scopes: ["read"], expiresAt: null })).token;
  ({ hostId, stateDir, agent } = await enrolledAgent(cp, `${PREFIX}host`));
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
  for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.startsWith(PREFIX)) await docker.getVolume(v.Name).remove().catch(() => undefined);
}, 60_000);

describe("deleting a service", () => {
  it("removes its container (its port stops answering) and, when asked, its named volume; audited with what was removed", async () => {
    const port = await freePort();
    const svc = await deployedHttpd("web", port);
    await waitUntil(() => answers(port), 10_000, "httpd to answer");
    const seen = await call(containerGET, `/api/v1/services/${svc.id}/container`, { auth: { bearer: viewer } }, { id: svc.id });
    expect(seen.body).toMatchObject({ container: { name: `${PREFIX}web`, state: "running" }, restartCount: 0 });
    const r = await del(svc.id, "?volumes=true");
    expect(r.status, r.text).toBe(200);
    expect(r.body as ServiceDeleteReport).toEqual({ removedContainers: [`${PREFIX}web`], removedVolumes: [`${PREFIX}web-data`], left: [] });
    expect(await serviceContainers(svc.id)).toEqual([]);
    expect(await answers(port)).toBe(false);
    expect((await docker.listVolumes()).Volumes?.map((v) => v.Name)).not.toContain(`${PREFIX}web-data`);
    const audit = await cp.t.db.auditEvent.findFirstOrThrow({ where: { targetId: svc.id, action: "service.delete" } });
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ name: `${PREFIX}web`, removedContainers: [`${PREFIX}web`] });
  }, 90_000);

  it("keeps the container with ?container=false; the host then lists it as orphaned, and Remove takes it away", async () => {
    const svc = await deployedHttpd("kept");
    expect((await del(svc.id, "?container=false")).body).toEqual({ removedContainers: [], removedVolumes: [], left: [] });
    const [c] = await serviceContainers(svc.id);
    expect(c?.State).toBe("running");
    const listed = (await hostContainers()).items.find((x) => x.containerId === c!.Id);
    expect(listed).toMatchObject({ managed: true, orphaned: true });

    const refused = await call(orphanPOST, `/api/v1/hosts/${hostId}/containers/${c!.Id}/remove`, { body: {}, auth: { bearer: viewer } }, { id: hostId, containerId: c!.Id });
    expect(refused.status).toBe(403);
    const removed = await call(orphanPOST, `/api/v1/hosts/${hostId}/containers/${c!.Id}/remove`, { body: {}, auth: { bearer: write } }, { id: hostId, containerId: c!.Id });
    expect(removed.status, removed.text).toBe(200);
    expect(await serviceContainers(svc.id)).toEqual([]);
    expect((await hostContainers()).items.some((x) => x.containerId === c!.Id)).toBe(false);
    expect(await cp.t.db.auditEvent.count({ where: { action: "container.remove", targetId: hostId } })).toBe(1);
  }, 90_000);

  it("with the agent offline: the row goes, the report says the container was left, and it is removable once the agent is back", async () => {
    const port = await freePort();
    const svc = await deployedHttpd("offline", port);
    // The promoted container's rename reaches the control plane as a Docker event after the deploy's
    // answer; the agent is killed only once it has, or the record would keep the temporary name.
    await waitUntil(async () => (await hostContainers()).items.some((x) => x.name === `${PREFIX}offline`), 10_000, "the renamed container in the host's record");
    await agent.kill("SIGKILL");
    await waitUntil(async () => !cp.hub.isOnline(hostId), 5_000, "the hub to notice the agent is gone");
    const r = await del(svc.id);
    expect(r.status, r.text).toBe(200);
    const report = r.body as ServiceDeleteReport;
    expect(report.removedContainers).toEqual([]);
    expect(report.left).toEqual([expect.objectContaining({ kind: "container", name: `${PREFIX}offline`, reason: expect.stringMatching(/offline.*orphaned/) })]);
    expect(await cp.t.db.service.findUnique({ where: { id: svc.id } })).toBeNull();
    const [c] = await serviceContainers(svc.id);
    expect((await hostContainers()).items.find((x) => x.containerId === c!.Id)).toMatchObject({ orphaned: true });
    const whileOffline = await call(orphanPOST, `/api/v1/hosts/${hostId}/containers/${c!.Id}/remove`, { body: {}, auth: { bearer: write } }, { id: hostId, containerId: c!.Id });
    expect(whileOffline.status).toBe(503);
    expect(errorOf(whileOffline).message).toMatch(/not connected/);

    agent = startAgent(["--server", cp.url, "--state-dir", stateDir]);
    await waitUntil(async () => cp.hub.isOnline(hostId), 20_000, "the agent to reconnect");
    expect((await hostContainers()).items.find((x) => x.containerId === c!.Id)).toMatchObject({ orphaned: true });
    const removed = await call(orphanPOST, `/api/v1/hosts/${hostId}/containers/${c!.Id}/remove`, { body: {}, auth: { bearer: write } }, { id: hostId, containerId: c!.Id });
    expect(removed.status, removed.text).toBe(200);
    expect(await serviceContainers(svc.id)).toEqual([]);
    expect(await answers(port)).toBe(false);
  }, 120_000);
});

describe("bulk actions", () => {
  it("stop is a deliberate stop (Stopped, not a crash); each service is reported, an unknown one too; start brings them back", async () => {
    const a = await deployedHttpd("bulk-a");
    const b = await deployedHttpd("bulk-b");
    const bulk = (body: unknown, bearer = write) => call(bulkPOST, "/api/v1/services/bulk", { body, auth: { bearer } });
    expect((await bulk({ action: "stop", ids: [a.id] }, viewer)).status).toBe(403);

    const stop = await bulk({ action: "stop", ids: [a.id, b.id, "nosuchservice1"] });
    expect(stop.status, stop.text).toBe(200);
    expect((stop.body as BulkResult).results).toEqual([
      { id: a.id, name: a.name, ok: true, message: "Stopped" },
      { id: b.id, name: b.name, ok: true, message: "Stopped" },
      { id: "nosuchservice1", name: null, ok: false, message: expect.stringMatching(/not found/i) },
    ]);
    const list = async () => ((await call(servicesGET, `/api/v1/services?q=${PREFIX}bulk&sort=name`, { auth: { bearer: viewer } })).body as { items: ServiceRow[] }).items;
    const stopped = await waitUntil(async () => {
      const items = await list();
      return items.every((s) => s.status.kind === "stopped") ? items : null;
    }, 10_000, "both to show as stopped");
    expect(stopped.map((s) => [s.name, s.desiredState, s.status.label, s.status.tone])).toEqual([
      [a.name, "stopped", "Stopped", "neutral"],
      [b.name, "stopped", "Stopped", "neutral"],
    ]);
    expect(await cp.t.db.auditEvent.count({ where: { action: "service.stop", targetId: { in: [a.id, b.id] } } })).toBe(2);

    // Killed outside Homeport while it should run: red with its exit code.
    expect((await bulk({ action: "start", ids: [a.id, b.id] })).body).toMatchObject({ results: [{ ok: true, message: "Started" }, { ok: true, message: "Started" }] });
    const [ca] = await serviceContainers(a.id);
    await docker.getContainer(ca!.Id).kill();
    const crashed = await waitUntil(async () => (await list()).find((s) => s.id === a.id && s.status.kind === "exited") ?? null, 10_000, "a to show as exited");
    expect(crashed.status).toMatchObject({ tone: "danger", label: "Exited (137)" });
    const broken = (await call(servicesGET, `/api/v1/services?q=${PREFIX}bulk&state=broken`, { auth: { bearer: viewer } })).body as { items: ServiceRow[] };
    expect(broken.items.map((s) => s.name)).toEqual([a.name]);

    const gone = await bulk({ action: "delete", ids: [a.id, b.id] });
    expect((gone.body as BulkResult).results.map((r) => [r.ok, r.message])).toEqual([
      [true, `Deleted; removed container ${a.name}`],
      [true, `Deleted; removed container ${b.name}`],
    ]);
    expect([...(await serviceContainers(a.id)), ...(await serviceContainers(b.id))]).toEqual([]);
  }, 120_000);
});
