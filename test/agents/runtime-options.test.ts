// A service's Docker options beyond the basics, end to end on a real engine: set through the
// services API, deployed by a real agent, and seen where a user would look — `docker inspect`,
// and from inside the container (its uid, a read-only root with a writable /tmp, its cgroup
// limits, its hosts file). Reserved labels and powers the host's owner did not allow are refused
// by the API and, whatever the control plane says, by the agent. A stack's services are changed
// only through their stack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Docker from "dockerode";
import { POST as servicesPOST } from "@/app/api/v1/services/route";
import { DELETE as serviceDELETE, GET as serviceGET, PATCH as servicePATCH } from "@/app/api/v1/services/[id]/route";
import { POST as deployPOST } from "@/app/api/v1/services/[id]/deploy/route";
import { AgentRequestError } from "@/lib/agents";
import { createApiToken } from "@/lib/auth";
import { createService, ServiceCreateSchema, updateService, type ServiceView } from "@/lib/inventory";
import { LABELS, type ServiceSpec } from "@/lib/protocol";
import { call, errorOf } from "../helpers/api";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, exec } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { actor, deployAndWait, enrolledAgent, freePort, meta } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-ro-";
const MiB = 1024 * 1024;

let cp: TestControlPlane;
let image: string;
let write: string;
let plain: { hostId: string; stateDir: string; agent: AgentProcess };
let capable: { hostId: string; stateDir: string; agent: AgentProcess };

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  write = (await createApiToken(cp.t.db, { userId: cp.userId, name: "script", scopes: ["write"], expiresAt: null })).token;
  plain = await enrolledAgent(cp, `${PREFIX}plain`);
  capable = await enrolledAgent(cp, `${PREFIX}capable`, ["--allow-cap", "NET_ADMIN"]);
  for (const h of [plain, capable]) {
    await waitUntil(async () => (await cp.t.db.host.findUniqueOrThrow({ where: { id: h.hostId } })).agentPolicy, 10_000, "the agent's reported policy");
  }
}, 300_000);

afterAll(async () => {
  await plain?.agent.kill("SIGKILL");
  await capable?.agent.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

const post = (body: unknown) => call(servicesPOST, "/api/v1/services", { body, auth: { bearer: write } });
const patch = (id: string, body: unknown) => call(servicePATCH, `/api/v1/services/${id}`, { method: "PATCH", body, auth: { bearer: write } }, { id });
const deploy = (id: string) => call(deployPOST, `/api/v1/services/${id}/deploy`, { body: {}, auth: { bearer: write } }, { id });
const inspect = (name: string) => docker.getContainer(name).inspect();

/** Serves /tmp/www (the root is read-only), so the page proves the process started as configured. */
const tmpHttpd = (body: string) => ["sh", "-c", `mkdir -p /tmp/www && echo ${body} > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www`];

/** The first of `paths` that exists in the container (cgroup v2, then v1), trimmed. */
async function readFirst(c: Docker.Container, paths: string[]): Promise<string> {
  const r = await exec(c, ["sh", "-c", paths.map((p) => `cat ${p} 2>/dev/null`).join(" || ")]);
  return r.output.trim();
}

describe("every runtime option reaches the container", () => {
  const runtime = {
    memoryBytes: 64 * MiB,
    cpus: 0.5,
    pidsLimit: 64,
    user: "1000:1000",
    readOnly: true,
    tmpfs: [{ target: "/tmp", sizeBytes: 16 * MiB, mode: 0o1777 }],
    capDrop: ["ALL"],
    labels: { "com.example.team": "media" },
    extraHosts: [{ hostname: "nas.lan", ip: "192.168.1.10" }],
    logging: { driver: "json-file", options: { "max-size": "1m" } },
    init: true,
    stopGraceSeconds: 7,
    privileged: false, // Docker's default: normalised away before storing
  };
  let service: ServiceView;
  let port: number;

  it("the API stores them normalised and the deploy succeeds", async () => {
    port = await freePort();
    const r = await post({ name: `${PREFIX}opts`, image, hostId: plain.hostId, command: tmpHttpd("opts"), ports: [{ container: 8080, host: port }], runtime });
    expect(r.status, r.text).toBe(201);
    service = r.body as ServiceView;
    const { privileged: _dropped, ...stored } = runtime;
    expect(service.runtime).toEqual(stored);
    expect(service).toMatchObject({ stackId: null, stackName: null });
    const d = await deployAndWait(cp.t.db, service.id);
    expect(d.status, `${d.error}\n${d.log.join("\n")}`).toBe("succeeded");
    const page = await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => null))?.text(), 10_000, "the page");
    expect(page.trim()).toBe("opts");
  });

  it("docker inspect shows each", async () => {
    const info = await inspect(`${PREFIX}opts`);
    const h = info.HostConfig;
    expect(h.Memory).toBe(64 * MiB);
    expect(h.NanoCpus).toBe(500_000_000);
    expect(h.PidsLimit).toBe(64);
    expect(info.Config.User).toBe("1000:1000");
    expect(h.ReadonlyRootfs).toBe(true);
    expect(h.Tmpfs).toEqual({ "/tmp": `size=${16 * MiB},mode=1777` });
    expect(h.CapDrop).toEqual(["ALL"]);
    expect(info.Config.Labels).toMatchObject({ "com.example.team": "media", [LABELS.managed]: "true", [LABELS.serviceId]: service.id });
    expect(h.ExtraHosts).toEqual(["nas.lan:192.168.1.10"]);
    expect(h.LogConfig).toEqual({ Type: "json-file", Config: { "max-size": "1m" } });
    expect(h.Init).toBe(true);
    expect((info.Config as { StopTimeout?: number }).StopTimeout).toBe(7);
    expect(h.Privileged).toBe(false);
  });

  it("inside, the process runs as 1000, / is read-only, /tmp is writable, the limits hold", async () => {
    const c = docker.getContainer(`${PREFIX}opts`);
    expect((await exec(c, ["id", "-u"])).output.trim()).toBe("1000");
    const root = await exec(c, ["sh", "-c", "echo x > /probe"]);
    expect(root.code).not.toBe(0);
    expect(root.output).toMatch(/Read-only file system/);
    const tmp = await exec(c, ["sh", "-c", "echo written > /tmp/probe && cat /tmp/probe"]);
    expect(tmp).toEqual({ code: 0, output: "written\n" });
    expect(await readFirst(c, ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"])).toBe(String(64 * MiB));
    expect(await readFirst(c, ["/sys/fs/cgroup/pids.max", "/sys/fs/cgroup/pids/pids.max"])).toBe("64");
    expect((await exec(c, ["cat", "/etc/hosts"])).output).toMatch(/^192\.168\.1\.10\s+nas\.lan$/m);
    // Every capability dropped from the bounding set; an init process is PID 1, not httpd.
    expect((await exec(c, ["grep", "CapBnd", "/proc/self/status"])).output).toMatch(/CapBnd:\s+0{16}/);
    expect((await exec(c, ["cat", "/proc/1/comm"])).output.trim()).not.toBe("httpd");
  });

  it("PATCH replaces the options as a whole; the redeploy drops what is no longer set", async () => {
    const r = await patch(service.id, { runtime: { memoryBytes: 32 * MiB } });
    expect(r.status, r.text).toBe(200);
    expect((r.body as ServiceView).runtime).toEqual({ memoryBytes: 32 * MiB });
    const d = await deployAndWait(cp.t.db, service.id);
    expect(d.status, `${d.error}\n${d.log.join("\n")}`).toBe("succeeded");
    const info = await inspect(`${PREFIX}opts`);
    expect(info.HostConfig.Memory).toBe(32 * MiB);
    expect(info.HostConfig.ReadonlyRootfs).toBe(false);
    expect(info.Config.User).toBe("");
    expect(info.Config.Labels).not.toHaveProperty("com.example.team");
  });
});

describe("process options from Compose files reach the container", () => {
  const runtime = {
    noNewPrivileges: true,
    ulimits: [{ name: "nofile", soft: 4096, hard: 8192 }],
    groupAdd: ["2000"],
    stopSignal: "SIGQUIT",
    sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" },
    tty: true,
  };

  it("the deploy succeeds and docker inspect shows each", async () => {
    const r = await post({ name: `${PREFIX}proc`, image, hostId: plain.hostId, command: tmpHttpd("proc"), runtime });
    expect(r.status, r.text).toBe(201);
    expect((r.body as ServiceView).runtime).toEqual(runtime);
    const d = await deployAndWait(cp.t.db, (r.body as ServiceView).id);
    expect(d.status, `${d.error}\n${d.log.join("\n")}`).toBe("succeeded");
    const info = await inspect(`${PREFIX}proc`);
    expect(info.HostConfig.SecurityOpt).toEqual(["no-new-privileges:true"]);
    expect(info.HostConfig.Ulimits).toEqual([{ Name: "nofile", Soft: 4096, Hard: 8192 }]);
    expect(info.HostConfig.GroupAdd).toEqual(["2000"]);
    expect((info.Config as { StopSignal?: string }).StopSignal).toBe("SIGQUIT");
    expect((info.HostConfig as { Sysctls?: Record<string, string> }).Sysctls).toEqual({ "net.ipv4.ip_unprivileged_port_start": "0" });
    expect(info.Config.Tty).toBe(true);
  });

  it("inside, no new privileges, the open-files limit, the extra group and the sysctl hold", async () => {
    const c = docker.getContainer(`${PREFIX}proc`);
    expect((await exec(c, ["grep", "NoNewPrivs", "/proc/1/status"])).output).toMatch(/NoNewPrivs:\s+1/);
    expect((await exec(c, ["grep", "Max open files", "/proc/1/limits"])).output).toMatch(/Max open files\s+4096\s+8192\s+files/);
    expect((await exec(c, ["id", "-G"])).output.trim().split(/\s+/)).toContain("2000");
    expect((await exec(c, ["cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start"])).output.trim()).toBe("0");
  });
});

describe("what the API refuses", () => {
  it("a homeport.* label, at create and by PATCH, naming the label; nothing is stored", async () => {
    const r = await post({ name: `${PREFIX}evil-label`, image, hostId: plain.hostId, runtime: { labels: { [LABELS.managed]: "false" } } });
    expect(r.status, r.text).toBe(422);
    expect(errorOf(r).issues).toEqual([{ path: `runtime.labels.${LABELS.managed}`, message: expect.stringMatching(/homeport\.\* is reserved/) }]);
    expect(await cp.t.db.service.count({ where: { name: `${PREFIX}evil-label` } })).toBe(0);

    const ok = await post({ name: `${PREFIX}labelled`, image, hostId: plain.hostId });
    const id = (ok.body as ServiceView).id;
    const p = await patch(id, { runtime: { labels: { [LABELS.serviceId]: "someone-else" } } });
    expect(p.status, p.text).toBe(422);
    expect((await call(serviceGET, `/api/v1/services/${id}`, { auth: { bearer: write } }, { id })).body).toMatchObject({ runtime: {} });
  });

  it("devices, GPUs and added capabilities the host's reported policy does not allow: the deploy answers 403 naming each", async () => {
    const r = await post({ name: `${PREFIX}powers`, image, hostId: plain.hostId, runtime: { devices: ["/dev/fuse"], gpus: true, capAdd: ["NET_ADMIN"] } });
    expect(r.status, r.text).toBe(201);
    const id = (r.body as ServiceView).id;
    const d = await deploy(id);
    expect(d.status, d.text).toBe(403);
    const message = errorOf(d).message;
    expect(message).toMatch(/device \/dev\/fuse/);
    expect(message).toMatch(/GPU/);
    expect(message).toMatch(/NET_ADMIN/);
    expect(await cp.t.db.deployment.count({ where: { serviceId: id } })).toBe(0);
  });

  it("a capability the host's owner allowed deploys, and the container has it", async () => {
    const r = await post({ name: `${PREFIX}netadmin`, image, hostId: capable.hostId, command: tmpHttpd("cap"), runtime: { capAdd: ["NET_ADMIN"] } });
    const id = (r.body as ServiceView).id;
    const d = await deployAndWait(cp.t.db, id);
    expect(d.status, `${d.error}\n${d.log.join("\n")}`).toBe("succeeded");
    expect((await inspect(`${PREFIX}netadmin`)).HostConfig.CapAdd).toEqual(["NET_ADMIN"]);
  });
});

describe("the agent refuses powers its policy does not allow, whatever the control plane sends", () => {
  const spec = (over: Partial<ServiceSpec>): ServiceSpec => ({
    serviceId: "ro00000001", name: `${PREFIX}forced`, image, command: tmpHttpd("forced"), env: {}, ports: [], volumes: [], healthcheck: null, restartPolicy: "no", egress: "open", ...over,
  });
  const asks: [string, Partial<ServiceSpec>, RegExp][] = [
    ["a device", { devices: ["/dev/fuse"] }, /\/dev\/fuse/],
    ["GPUs", { gpus: true }, /GPU/],
    ["an added capability", { capAdd: ["SYS_ADMIN"] }, /SYS_ADMIN/],
    ["a capability another host allows", { capAdd: ["NET_ADMIN"] }, /NET_ADMIN/],
  ];
  for (const [desc, over, why] of asks) {
    it(desc, async () => {
      const err = await cp.hub.requireSession(plain.hostId).request("service/apply", { deploymentId: `forced-${Date.now()}`, spec: spec(over), pull: false }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AgentRequestError);
      expect((err as AgentRequestError).code).toBe("policy_denied");
      expect((err as Error).message).toMatch(why);
      expect(await docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=ro00000001`] } })).toHaveLength(0);
    });
  }
});

describe("a stack's service is changed only through its stack", () => {
  let svc: ServiceView;
  let stackId: string;

  beforeAll(async () => {
    stackId = (await cp.t.db.stack.create({ data: { name: `${PREFIX}lab`, compose: "services: {}\n", hostId: plain.hostId } })).id;
    svc = await createService(cp.t.db, ServiceCreateSchema.parse({ name: `${PREFIX}lab-db`, image, hostId: plain.hostId }), actor, meta, { stack: { id: stackId, service: "db" } });
  });

  it("the view names the stack", () => {
    expect(svc).toMatchObject({ stackId, stackName: `${PREFIX}lab`, stackService: "db" });
  });

  it("PATCH, DELETE and deploy through the services API answer 409 naming the stack; nothing changes", async () => {
    const p = await patch(svc.id, { image: "nginx:1.27" });
    const del = await call(serviceDELETE, `/api/v1/services/${svc.id}`, { method: "DELETE", auth: { bearer: write } }, { id: svc.id });
    const d = await deploy(svc.id);
    for (const r of [p, del, d]) {
      expect(r.status, r.text).toBe(409);
      expect(errorOf(r).message).toMatch(new RegExp(`stack "${PREFIX}lab"`));
    }
    const row = await cp.t.db.service.findUniqueOrThrow({ where: { id: svc.id } });
    expect(row.image).toBe(image);
    expect(await cp.t.db.deployment.count({ where: { serviceId: svc.id } })).toBe(0);
  });

  it("the stack's own apply (lib code with its id) may change it", async () => {
    const changed = await updateService(cp.t.db, svc.id, { runtime: { pidsLimit: 50 } }, actor, meta, { stackId });
    expect(changed.runtime).toEqual({ pidsLimit: 50 });
  });
});
