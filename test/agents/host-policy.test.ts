// Privilege boundaries, tried as an attacker would: a script holding a `write` token asks for bind
// mounts that hand over the host (refused by the server), and a compromised control plane sends
// the agent specs straight over the protocol (refused by the agent's own policy, whatever the
// server says). Real agent processes against a real Docker engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { POST as servicesPOST } from "@/app/api/v1/services/route";
import { PATCH as servicePATCH } from "@/app/api/v1/services/[id]/route";
import { PATCH as hostPATCH, GET as hostGET } from "@/app/api/v1/hosts/[id]/route";
import { POST as deployPOST } from "@/app/api/v1/services/[id]/deploy/route";
import { AgentRequestError } from "@/lib/agents";
import { LABELS, type ServiceSpec } from "@/lib/protocol";
import { createApiToken } from "@/lib/auth";
import { call, errorOf } from "../helpers/api";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { enrolledAgent, freePort, httpdCommand } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-p-";

let cp: TestControlPlane;
let image: string;
let write: string;
let adminToken: string;
let work: string;
let plain: { hostId: string; stateDir: string; agent: AgentProcess };
let owner: { hostId: string; stateDir: string; agent: AgentProcess };

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  write = (await createApiToken(cp.t.db, { userId: cp.userId, name: "script", scopes: ["write"], expiresAt: null })).token;
  adminToken = cp.apiToken;
  work = mkdtempSync(join(tmpdir(), "hp-policy-it-"));
  mkdirSync(join(work, "srv", "media"), { recursive: true });
  mkdirSync(join(work, "secret"), { recursive: true });
  writeFileSync(join(work, "srv", "media", "hello.txt"), "from the host\n");
  writeFileSync(join(work, "secret", "key"), "do not read\n");
  symlinkSync(join(work, "secret"), join(work, "srv", "media", "escape"));
  // One host whose owner allowed nothing, one whose owner allowed <work>/srv.
  plain = await enrolledAgent(cp, `${PREFIX}plain`);
  owner = await enrolledAgent(cp, `${PREFIX}owner`, ["--allow-bind", join(work, "srv")]);
  // The policy arrives with the agent's hello, a moment after the socket opens.
  await waitUntil(async () => (await cp.t.db.host.findUniqueOrThrow({ where: { id: owner.hostId } })).agentPolicy, 10_000, "the owner's policy");
}, 300_000);

afterAll(async () => {
  await plain?.agent.kill("SIGKILL");
  await owner?.agent.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
  rmSync(work, { recursive: true, force: true });
}, 60_000);

const serviceBody = (name: string, hostId: string, source: string) => ({ name, image, hostId, volumes: [{ source, target: "/mnt/x", readOnly: false }] });

describe("a write token cannot reach host root through bind mounts", () => {
  const attacks = () => [
    "/etc/cron.d",
    "/root/.ssh",
    "/proc/1/root",
    "/var/lib/docker",
    "/var/run/docker.sock",
    plain.stateDir,
    cp.t.dir, // Homeport's own data folder (database, secret.key)
    join(work, "srv", "media"), // harmless, but this host allows no bind mounts at all
  ];
  it("each is refused at create with the field named, and nothing is stored", async () => {
    for (const [i, source] of attacks().entries()) {
      const r = await call(servicesPOST, "/api/v1/services", { body: serviceBody(`${PREFIX}atk${i}`, plain.hostId, source), auth: { bearer: write } });
      expect(r.status, `${source}: ${r.text}`).toBe(422);
      expect(errorOf(r).issues?.[0]?.path).toBe("volumes.0.source");
    }
    expect(await cp.t.db.service.count({ where: { name: { startsWith: `${PREFIX}atk` } } })).toBe(0);
  });

  it("a named volume is always fine; moving a bind in by PATCH is refused too", async () => {
    const r = await call(servicesPOST, "/api/v1/services", { body: { name: `${PREFIX}named`, image, hostId: plain.hostId, volumes: [{ source: "appdata", target: "/data" }] }, auth: { bearer: write } });
    expect(r.status, r.text).toBe(201);
    const id = (r.body as { id: string }).id;
    const p = await call(servicePATCH, `/api/v1/services/${id}`, { method: "PATCH", body: { volumes: [{ source: "/etc", target: "/data" }] }, auth: { bearer: write } }, { id });
    expect(p.status).toBe(422);
  });

  it("only an admin allows folders on a host, and never a system one", async () => {
    const byWrite = await call(hostPATCH, `/api/v1/hosts/${owner.hostId}`, { method: "PATCH", body: { bindRoots: ["/"] }, auth: { bearer: write } }, { id: owner.hostId });
    expect(byWrite.status).toBe(403);
    for (const root of ["/", "/etc", "/proc", "/var/run/docker.sock", "/root/.ssh", "relative", "/srv/../etc"]) {
      const r = await call(hostPATCH, `/api/v1/hosts/${owner.hostId}`, { method: "PATCH", body: { bindRoots: [root] }, auth: { bearer: adminToken } }, { id: owner.hostId });
      expect(r.status, `${root}: ${r.text}`).toBe(422);
    }
    const ok = await call(hostPATCH, `/api/v1/hosts/${owner.hostId}`, { method: "PATCH", body: { bindRoots: [join(work, "srv") + "/"] }, auth: { bearer: adminToken } }, { id: owner.hostId });
    expect(ok.status, ok.text).toBe(200);
    const host = await call(hostGET, `/api/v1/hosts/${owner.hostId}`, { auth: { bearer: write } }, { id: owner.hostId });
    expect(host.body).toMatchObject({ bindRoots: [join(work, "srv")], agentPolicy: { bindRoots: [join(work, "srv")], allowPrivileged: false } });
    const audit = await cp.t.db.auditEvent.findFirst({ where: { action: "host.update", targetId: owner.hostId } });
    expect(JSON.parse(audit!.details!)).toMatchObject({ bindRoots: { from: [], to: [join(work, "srv")] } });
  });

  it("with the admin's and the owner's consent a bind deploys and the container sees the folder", async () => {
    const port = await freePort();
    const r = await call(servicesPOST, "/api/v1/services", {
      body: { name: `${PREFIX}media`, image, hostId: owner.hostId, command: ["httpd", "-f", "-p", "8080", "-h", "/mnt/x"], ports: [{ container: 8080, host: port }], volumes: [{ source: join(work, "srv", "media"), target: "/mnt/x", readOnly: true }] },
      auth: { bearer: write },
    });
    expect(r.status, r.text).toBe(201);
    const id = (r.body as { id: string }).id;
    const d = await call(deployPOST, `/api/v1/services/${id}/deploy`, { body: {}, auth: { bearer: write } }, { id });
    expect(d.status, d.text).toBe(202);
    const body = await waitUntil(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/hello.txt`).catch(() => null);
      return res?.ok ? (await res.text()).trim() : null;
    }, 20_000, "the mounted file to be served").catch(async (e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(await cp.t.db.deployment.findMany({ where: { serviceId: id } }))}\n${owner.agent.output().slice(-3000)}`);
    });
    expect(body).toBe("from the host");
  });

  it("a second deploy while one runs is refused with 409", async () => {
    const svc = await cp.t.db.service.findUniqueOrThrow({ where: { name: `${PREFIX}media` } });
    await waitUntil(async () => (await cp.t.db.deployment.count({ where: { serviceId: svc.id, status: "running" } })) === 0 || null, 30_000, "the first rollout to end");
    await cp.t.db.service.update({ where: { id: svc.id }, data: { env: JSON.stringify({ V: "2" }) } });
    const first = await call(deployPOST, `/api/v1/services/${svc.id}/deploy`, { body: {}, auth: { bearer: write } }, { id: svc.id });
    const second = await call(deployPOST, `/api/v1/services/${svc.id}/deploy`, { body: {}, auth: { bearer: write } }, { id: svc.id });
    expect(first.status, first.text).toBe(202);
    expect(second.status, second.text).toBe(409);
    expect(errorOf(second).message).toMatch(/already under way/);
    await waitUntil(async () => (await cp.t.db.deployment.count({ where: { serviceId: svc.id, status: "running" } })) === 0 || null, 30_000, "the rollout to end");
  });
});

describe("a compromised control plane cannot widen the host's policy", () => {
  const spec = (over: Partial<ServiceSpec>): ServiceSpec => ({
    serviceId: "cmp0000001", name: `${PREFIX}evil`, image, command: httpdCommand("evil"), env: {}, ports: [], volumes: [], healthcheck: null, restartPolicy: "no", egress: "open", ...over,
  });
  const apply = (hostId: string, s: ServiceSpec) =>
    cp.hub.requireSession(hostId).request("service/apply", { deploymentId: `evil-${Date.now()}`, spec: s, pull: false });

  const asks: [string, () => Partial<ServiceSpec>, RegExp][] = [
    ["/etc/cron.d bind-mounted read-write", () => ({ volumes: [{ source: "/etc/cron.d", target: "/host-cron", readOnly: false }] }), /never mounts/],
    ["the agent's own credentials", () => ({ volumes: [{ source: join(owner.stateDir, "credentials.json"), target: "/c", readOnly: true }] }), /never mounts/],
    ["a symlink under an allowed root that points outside", () => ({ volumes: [{ source: join(work, "srv", "media", "escape"), target: "/s", readOnly: true }] }), /really .*secret/],
    ["privileged mode", () => ({ privileged: true }), /privileged/],
    ["the host network", () => ({ hostNetwork: true }), /host network/],
    ["the host PID namespace", () => ({ hostPid: true }), /PID/],
    ["CAP_SYS_ADMIN", () => ({ capAdd: ["SYS_ADMIN"] }), /SYS_ADMIN/],
    ["the host's disks as devices", () => ({ devices: ["/dev/sda"] }), /\/dev\/sda/],
    ["GPUs", () => ({ gpus: true }), /GPU/],
  ];
  for (const [desc, over, why] of asks) {
    it(`the agent refuses ${desc} and creates nothing`, async () => {
      const err = await apply(owner.hostId, spec(over())).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AgentRequestError);
      expect((err as AgentRequestError).code).toBe("policy_denied");
      expect((err as Error).message).toMatch(why);
      const made = await docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=cmp0000001`] } });
      expect(made).toHaveLength(0);
    });
  }

  it("even binds the server would allow are refused by an agent whose owner allowed none", async () => {
    const err = await apply(plain.hostId, spec({ volumes: [{ source: join(work, "srv", "media"), target: "/m", readOnly: true }] })).then(() => null, (e: unknown) => e);
    expect((err as AgentRequestError).code).toBe("policy_denied");
    expect((err as Error).message).toMatch(/allows no bind mounts/);
  });
});
