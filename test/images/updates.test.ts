// Image updates on a real engine: Debian's docker-registry serves TLS (with a CA this file makes,
// installed where Docker and Homeport look for it, /etc/docker/certs.d/<ip:port>/ca.crt) inside a
// network namespace this file creates (198.51.100.180/30). The busybox test image is pushed as
// hp-upd/app:1 and deployed through a real agent: the check finds no update; a different image
// pushed under the same tag makes one appear with its age; applying it passes the health gate and
// the container runs the new digest; with the registry stopped the check says unreachable and
// nothing else changes; a service pinned to a digest is never checked nor updated; a stack's update
// rolls its service out the same way; an update whose image fails the health gate is rolled back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { updateSettings } from "@/lib/settings";
import type { DeploymentView } from "@/lib/agents";
import type { UpdatesView } from "@/lib/images";
import { GET as updatesGET } from "@/app/api/v1/updates/route";
import { POST as checkPOST } from "@/app/api/v1/updates/check/route";
import { POST as serviceUpdatePOST } from "@/app/api/v1/services/[id]/update/route";
import { POST as stackUpdatePOST } from "@/app/api/v1/stacks/[id]/update/route";
import { applyStack, createStack } from "@/lib/stacks";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, followProgress } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, addService, deployAndWait, enrolledAgent, freePort, httpdCommand, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";
import type { AgentProcess } from "../agents/helpers/agent-process";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";
import { call, errorOf } from "../helpers/api";

const run = promisify(execFile);
const PREFIX = "hpt-upd-";
const tag = process.pid % 100_000;
/** Root-namespace link of its own: 198.51.100.180/30 is used by no other test file. */
const HOST_CIDR = "198.51.100.181/30";
const REGISTRY_IP = "198.51.100.182";
const REGISTRY = `${REGISTRY_IP}:5443`;
const CERTS_DIR = `/etc/docker/certs.d/${REGISTRY}`;
const REPO = `${REGISTRY}/hp-upd/app`;
const IMAGE = `${REPO}:1`;
const REGISTRY_START_MS = 15_000;
const ROLLOUT_MS = 60_000;

let cp: TestControlPlane;
let hostId: string;
let agent: AgentProcess;
let ns: VethNamespace | null = null;
let registry: ChildProcess | null = null;
let dir = "";
let base = "";
let v2Image = "";
let v3Image = "";
let badImage = "";

/** A CA and a server certificate for the registry's address, made with openssl. */
async function makeCertificates(): Promise<void> {
  const o = (...args: string[]) => run("openssl", args, { cwd: dir });
  await o("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Homeport update test CA");
  await o("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${REGISTRY_IP}`);
  writeFileSync(join(dir, "san.ext"), `subjectAltName=IP:${REGISTRY_IP}\n`);
  await o("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
}

/** A new image (a label on the busybox one), tagged as hp-upd/app:1 and pushed over the old one. */
async function buildAndPush(version: string, extra = ""): Promise<string> {
  const ctx = mkdtempSync(join(tmpdir(), "homeport-upd-ctx-"));
  try {
    writeFileSync(join(ctx, "Dockerfile"), `FROM ${base}\nLABEL homeport.test.update="${version}"\n${extra}`);
    const stream = await docker.buildImage({ context: ctx, src: ["Dockerfile"] }, { t: IMAGE });
    await followProgress(stream);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
  await followProgress(await docker.getImage(IMAGE).push({ authconfig: {} }));
  return (await docker.getImage(IMAGE).inspect()).Id;
}

async function updates(): Promise<UpdatesView> {
  const r = await call(updatesGET, "/api/v1/updates", { auth: { bearer: cp.apiToken } });
  expect(r.status).toBe(200);
  return r.body as UpdatesView;
}

async function checkNow(): Promise<UpdatesView> {
  const r = await call(checkPOST, "/api/v1/updates/check", { method: "POST", auth: { bearer: cp.apiToken } });
  expect(r.status, r.text).toBe(200);
  return r.body as UpdatesView;
}

const runningDigest = async (serviceId: string) =>
  (await cp.t.db.containerState.findFirst({ where: { serviceId, managed: true, state: "running" }, select: { imageDigest: true } }))?.imageDigest ?? null;

async function httpGet(port: number): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
  return (await r.text()).trim();
}

beforeAll(async () => {
  await ensureDocker();
  base = await buildBusyboxImage();
  dir = mkdtempSync(join(tmpdir(), "homeport-upd-registry-"));
  await makeCertificates();
  ns = await createVethNamespace({ netns: `hp-upd-${tag}`, vethHost: `hpu${tag}h`, vethNs: `hpu${tag}n`, hostCidr: HOST_CIDR, nsIp: REGISTRY_IP });
  writeFileSync(join(dir, "config.yml"), [
    "version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:", `    rootdirectory: ${dir}/data`,
    "http:", `  addr: ${REGISTRY}`, "  tls:", `    certificate: ${dir}/server.crt`, `    key: ${dir}/server.key`, "",
  ].join("\n"));
  registry = spawn("ip", ["netns", "exec", ns.netns, "/usr/bin/docker-registry", "serve", join(dir, "config.yml")], { stdio: "ignore" });
  mkdirSync(CERTS_DIR, { recursive: true });
  await run("cp", [join(dir, "ca.crt"), join(CERTS_DIR, "ca.crt")]);
  await waitUntil(async () => (await run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", join(dir, "ca.crt"), `https://${REGISTRY}/v2/`]).catch(() => ({ stdout: "" }))).stdout === "200", REGISTRY_START_MS, "docker-registry to listen with TLS");
  await docker.getImage(base).tag({ repo: REPO, tag: "1" });
  await followProgress(await docker.getImage(IMAGE).push({ authconfig: {} }));
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image: base, networks: [`${PREFIX}st_default`] });
  for (const ref of [IMAGE, v2Image, v3Image, badImage]) if (ref) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
  registry?.kill("SIGTERM");
  await ns?.remove();
  rmSync(CERTS_DIR, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("image updates against a TLS registry in a namespace", () => {
  let serviceId = "";
  let port = 0;
  let v1Digest = "";
  let v2Digest = "";

  it("asks no registry while the setting is off", async () => {
    const r = await call(checkPOST, "/api/v1/updates/check", { method: "POST", auth: { bearer: cp.apiToken } });
    expect(r.status).toBe(409);
    expect(errorOf(r).message).toMatch(/turn them on in Settings/);
    expect((await updates()).job).toMatchObject({ enabled: false, nextRunAt: null, lastRunAt: null });
    expect(await cp.t.db.imageTag.count()).toBe(0);
  });

  it("a service running the tag's image has no update", async () => {
    port = await freePort();
    const svc = await addService(cp.t.db, { name: `${PREFIX}web`, image: IMAGE, command: httpdCommand("v1"), ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }], hostId });
    serviceId = svc.id;
    expect((await deployAndWait(cp.t.db, svc.id)).status).toBe("succeeded");
    v1Digest = await waitUntil(() => runningDigest(svc.id), 15_000, "the agent to report the container's image digest");
    expect(v1Digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    await updateSettings(cp.t.db, { imageUpdatesEnabled: true }, actor, meta);
    const view = await checkNow();
    const mine = view.services.find((s) => s.serviceId === svc.id)!;
    expect(mine).toMatchObject({ status: "current", currentDigest: v1Digest, newDigest: v1Digest, errorClass: null, tag: IMAGE });
    expect(view.job).toMatchObject({ enabled: true, lastRunTags: 1, lastRunErrors: [] });
    expect(view.stacks).toEqual([]);
  });

  it("a different image pushed under the same tag makes the update appear, with its age", async () => {
    const before = Date.now();
    v2Image = await buildAndPush("2");
    const view = await checkNow();
    const mine = view.services.find((s) => s.serviceId === serviceId)!;
    expect(mine.status).toBe("update");
    expect(mine.currentDigest).toBe(v1Digest);
    expect(mine.newDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(mine.newDigest).not.toBe(v1Digest);
    v2Digest = mine.newDigest!;
    // The new image's age is its config's `created`: built moments ago, by this test.
    const created = new Date(mine.newCreatedAt!).getTime();
    expect(created).toBeGreaterThan(before - 120_000);
    expect(created).toBeLessThanOrEqual(Date.now() + 5_000);
    // The check asked, it did not pull: the container still runs the first image.
    expect(await runningDigest(serviceId)).toBe(v1Digest);
  });

  it("applying the update rolls out through the health gate and the container runs the new digest", async () => {
    const r = await call(serviceUpdatePOST, `/api/v1/services/${serviceId}/update`, { method: "POST", auth: { bearer: cp.apiToken } }, { id: serviceId });
    expect(r.status, r.text).toBe(202);
    const id = (r.body as DeploymentView).id;
    const done = await waitUntil(async () => {
      const d = await cp.t.db.deployment.findUnique({ where: { id } });
      return d && d.status !== "running" && d.status !== "pending" ? d : null;
    }, ROLLOUT_MS, "the update's rollout to end");
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(done.log).toMatch(/now names another image/);
    expect(done.log).toMatch(/checking health|healthy/);
    await waitUntil(async () => ((await runningDigest(serviceId)) === v2Digest ? true : null), 15_000, "the new container's digest to be reported");
    const running = await docker.listContainers({ filters: { name: [`^/${PREFIX}web$`] } });
    expect(running).toHaveLength(1);
    expect(running[0]!.ImageID).toBe(v2Image);
    expect(await httpGet(port)).toBe("v1");
    expect((await updates()).services.find((s) => s.serviceId === serviceId)!.status).toBe("current");
    const audit = await cp.t.db.auditEvent.findFirst({ where: { action: "image.update", targetId: serviceId } });
    expect(JSON.parse(audit!.details!)).toMatchObject({ from: v1Digest, to: v2Digest });
  });

  it("a service pinned to a digest is never checked nor updated", async () => {
    const pinned = await addService(cp.t.db, { name: `${PREFIX}pinned`, image: `${REPO}@${v2Digest}`, command: httpdCommand("pinned"), hostId });
    const view = await checkNow();
    expect(view.job.lastRunTags).toBe(1); // only hp-upd/app:1; the pin is not a question to the registry
    expect(view.services.find((s) => s.serviceId === pinned.id)).toMatchObject({ status: "pinned", tag: null, newDigest: null, checkedAt: null });
    expect(await cp.t.db.imageTag.findMany({ select: { ref: true } })).toEqual([{ ref: IMAGE }]);
    const r = await call(serviceUpdatePOST, `/api/v1/services/${pinned.id}/update`, { method: "POST", auth: { bearer: cp.apiToken } }, { id: pinned.id });
    expect(r.status).toBe(409);
    expect(errorOf(r).message).toContain("pinned to a digest; change the image to move it");
    expect(await cp.t.db.deployment.count({ where: { serviceId: pinned.id } })).toBe(0);
  });

  it("a stack's update rolls its service out through the same gate; the stack then has none", async () => {
    const compose = `services:\n  app:\n    image: ${IMAGE}\n    command: ["sh", "-c", "mkdir -p /www && echo stack > /www/index.html && exec httpd -f -p 8080 -h /www"]\n`;
    const stack = await createStack(cp.t.db, { name: `${PREFIX}st`, hostId, compose, env: "" }, actor, meta);
    const applied = await (await applyStack(cp.t.db, stack.id, { pull: false }, actor, meta)).finished;
    expect(applied.status, applied.error ?? "").toBe("succeeded");
    const svc = await cp.t.db.service.findFirstOrThrow({ where: { stackId: stack.id } });
    await waitUntil(async () => ((await runningDigest(svc.id)) === v2Digest ? true : null), 15_000, "the stack service's digest");
    v3Image = await buildAndPush("3");
    const view = await checkNow();
    const st = view.stacks.find((x) => x.stackId === stack.id)!;
    expect(st.services.map((x) => x.serviceName)).toEqual([svc.name]);
    const v3Digest = view.services.find((x) => x.serviceId === svc.id)!.newDigest!;
    expect(v3Digest).not.toBe(v2Digest);
    const r = await call(stackUpdatePOST, `/api/v1/stacks/${stack.id}/update`, { method: "POST", auth: { bearer: cp.apiToken } }, { id: stack.id });
    expect(r.status, r.text).toBe(202);
    expect(r.body).toEqual({ stackId: stack.id, serviceIds: [svc.id] });
    await waitUntil(async () => ((await runningDigest(svc.id)) === v3Digest ? true : null), ROLLOUT_MS, "the stack's service to run the new digest");
    const d = await waitUntil(async () => {
      const row = await cp.t.db.deployment.findFirst({ where: { serviceId: svc.id }, orderBy: { createdAt: "desc" } });
      return row && row.status !== "running" && row.status !== "pending" ? row : null;
    }, ROLLOUT_MS, "the stack update's rollout to end");
    expect(d.status, d.error ?? "").toBe("succeeded");
    expect((await updates()).stacks.find((x) => x.stackId === stack.id)).toBeUndefined();
    const again = await call(stackUpdatePOST, `/api/v1/stacks/${stack.id}/update`, { method: "POST", auth: { bearer: cp.apiToken } }, { id: stack.id });
    expect(again.status).toBe(409);
  });

  it("an update whose new image fails the health gate is rolled back: the old container keeps serving", async () => {
    // The new image has no shell, so the service's `sh -c …` command cannot start.
    badImage = await buildAndPush("bad", 'RUN ["/bin/busybox", "rm", "/bin/sh"]\n');
    const view = await checkNow();
    const mine = view.services.find((s) => s.serviceId === serviceId)!;
    expect(mine.status).toBe("update");
    const r = await call(serviceUpdatePOST, `/api/v1/services/${serviceId}/update`, { method: "POST", auth: { bearer: cp.apiToken } }, { id: serviceId });
    expect(r.status, r.text).toBe(202);
    const id = (r.body as DeploymentView).id;
    const done = await waitUntil(async () => {
      const d = await cp.t.db.deployment.findUnique({ where: { id } });
      return d && d.status !== "running" && d.status !== "pending" ? d : null;
    }, ROLLOUT_MS, "the failing update's rollout to end");
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/^deploy_failed: .*"sh"/);
    const running = await docker.listContainers({ filters: { name: [`^/${PREFIX}web$`] } });
    expect(running.map((c) => c.ImageID)).toEqual([v2Image]);
    expect(await httpGet(port)).toBe("v1");
    expect(await runningDigest(serviceId)).toBe(v2Digest);
    expect((await updates()).services.find((s) => s.serviceId === serviceId)!.status).toBe("update");
  });

  it("with the registry stopped the check reports unreachable and nothing else changes", async () => {
    registry?.kill("SIGTERM");
    await waitUntil(async () => ((await run("curl", ["-s", "-o", "/dev/null", "--max-time", "2", "--cacert", join(dir, "ca.crt"), `https://${REGISTRY}/v2/`]).then(() => false, () => true)) ? true : null), 10_000, "the registry to stop");
    const rowBefore = await cp.t.db.imageTag.findUniqueOrThrow({ where: { ref: IMAGE } });
    const deploymentsBefore = await cp.t.db.deployment.count();
    const before = await updates();
    const view = await checkNow();
    expect(view.job.lastRunErrors).toEqual([{ tag: IMAGE, errorClass: "unreachable", message: expect.stringContaining(REGISTRY) }]);
    // Every service says what it said before (the lone one: an update to the stack's newer image), only the error is new.
    const verdicts = (v: UpdatesView) => v.services.map((s) => ({ id: s.serviceId, status: s.status, current: s.currentDigest, next: s.newDigest, age: s.newCreatedAt }));
    expect(verdicts(view)).toEqual(verdicts(before));
    expect(view.services.find((s) => s.serviceId === serviceId)).toMatchObject({ status: "update", currentDigest: v2Digest, errorClass: "unreachable" });
    const rowAfter = await cp.t.db.imageTag.findUniqueOrThrow({ where: { ref: IMAGE } });
    expect(rowAfter).toMatchObject({ remoteDigest: rowBefore.remoteDigest, remoteCreatedAt: rowBefore.remoteCreatedAt, errorClass: "unreachable" });
    expect(rowAfter.checkedAt!.getTime()).toBeGreaterThan(rowBefore.checkedAt!.getTime());
    expect(await cp.t.db.deployment.count()).toBe(deploymentsBefore);
    expect(await runningDigest(serviceId)).toBe(v2Digest);
    expect(await httpGet(port)).toBe("v1");
  });
});
