// The LAN registry mirror on a real engine: Debian's docker-registry (the registry:2 program) serves
// the busybox test image on 127.0.0.1; with the mirror set, a service whose image is missing
// locally deploys through it and the deploy log says so. With the mirror unset the same deploy
// fails quickly and clearly (there is no internet here); with a mirror that cannot be reached the
// agent falls back to a direct pull and the log says that too. Traffic stays on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { updateSettings } from "@/lib/settings";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, followProgress } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, addService, deployAndWait, enrolledAgent, freePort, httpdCommand, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";
import type { AgentProcess } from "../agents/helpers/agent-process";

const PREFIX = "hpt-mir-";
const UNIQUE = `${PREFIX}${process.pid}-${Date.now().toString(36)}`;
/** The service's image: a Docker Hub short name (library/…) that exists nowhere but on the mirror. */
const IMAGE = `${UNIQUE}:1`;
/** A clear failure comes long before the agent's pull cap. */
const PULL_FAIL_BOUND_MS = 30_000;
const REGISTRY_START_MS = 15_000;

let cp: TestControlPlane;
let base: string;
let hostId: string;
let agent: AgentProcess;
let registry: ChildProcess | null = null;
let registryDir = "";
let mirror = "";

/** Removes every local name of the test image, so a deploy has to pull it. */
async function forgetLocally(): Promise<void> {
  for (const ref of [IMAGE, `${mirror}/library/${IMAGE}`]) await docker.getImage(ref).remove({ noprune: true }).catch(() => undefined);
  expect(await docker.getImage(IMAGE).inspect().then(() => true, () => false)).toBe(false);
}

beforeAll(async () => {
  await ensureDocker();
  base = await buildBusyboxImage();
  const port = await freePort();
  mirror = `127.0.0.1:${port}`;
  registryDir = mkdtempSync(join(tmpdir(), "homeport-registry-"));
  writeFileSync(join(registryDir, "config.yml"), `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${registryDir}/data\nhttp:\n  addr: ${mirror}\n`);
  registry = spawn("/usr/bin/docker-registry", ["serve", join(registryDir, "config.yml")], { stdio: "ignore" });
  await waitUntil(async () => (await fetch(`http://${mirror}/v2/`, { signal: AbortSignal.timeout(1_000) }).catch(() => null))?.status === 200, REGISTRY_START_MS, "docker-registry to listen");
  // Push the test image to the mirror as library/<unique>:1, as a pull-through cache would hold it.
  const remote = `${mirror}/library/${UNIQUE}`;
  await docker.getImage(base).tag({ repo: remote, tag: "1" });
  await followProgress(await docker.getImage(`${remote}:1`).push({ authconfig: {} }));
  await forgetLocally();
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image: base });
  for (const ref of [IMAGE, `${mirror}/library/${IMAGE}`]) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
  registry?.kill("SIGTERM");
  if (registryDir) rmSync(registryDir, { recursive: true, force: true });
}, 60_000);

describe("registry mirror", () => {
  it("with the mirror set, a Docker Hub image missing here comes through it and runs under its own name", async () => {
    await updateSettings(cp.t.db, { registryMirror: mirror }, actor, meta);
    const svc = await addService(cp.t.db, { name: `${PREFIX}web`, image: IMAGE, command: httpdCommand("mirrored"), hostId });
    const d = await deployAndWait(cp.t.db, svc.id);
    expect(d.error).toBeNull();
    expect(d.status).toBe("succeeded");
    const log = d.log.join("\n");
    expect(log).toContain(`pulling ${IMAGE} through the registry mirror ${mirror} (${mirror}/library/${IMAGE})`);
    expect(log).toContain(`pulled ${IMAGE} through the registry mirror ${mirror}`);
    expect(log).not.toContain("falling back");
    const [c] = await docker.listContainers({ filters: { name: [`^/${PREFIX}web$`] } });
    expect(c?.State).toBe("running");
    expect(c?.Image).toBe(IMAGE);
    const info = await docker.getImage(IMAGE).inspect();
    expect(info.RepoTags).toContain(IMAGE);
    // The registry digest is the mirror's (the same as Docker Hub's): update checks see it.
    const digest = info.RepoDigests[0]?.split("@")[1];
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    await waitUntil(async () => (await cp.t.db.containerState.findFirst({ where: { serviceId: svc.id, state: "running" } }))?.imageDigest === digest, 15_000, "the container's image digest to be recorded");
  }, 120_000);

  it("with the mirror unset, the same deploy fails quickly with image_pull_failed (no internet here)", async () => {
    await updateSettings(cp.t.db, { registryMirror: null }, actor, meta);
    const svc = await addService(cp.t.db, { name: `${PREFIX}direct`, image: IMAGE, command: httpdCommand("direct"), hostId });
    await forgetLocally();
    const t0 = performance.now();
    const d = await deployAndWait(cp.t.db, svc.id);
    const tookMs = performance.now() - t0;
    console.info(`[mirror] direct pull without internet ended ${d.status} after ${Math.round(tookMs)} ms: ${d.error}`);
    expect(d.status).toBe("failed");
    expect(tookMs).toBeLessThan(PULL_FAIL_BOUND_MS);
    expect(d.error).toMatch(/^image_pull_failed: could not pull /);
    expect(d.error).toContain(IMAGE);
    expect(d.error).toContain("is the internet down? A LAN registry mirror in Settings serves Docker Hub images without it");
    expect(d.error).not.toContain("HTTP code");
    expect(d.log.join("\n")).not.toContain("through the registry mirror");
    expect(await docker.listContainers({ all: true, filters: { name: [`^/${PREFIX}direct$`] } })).toHaveLength(0);
  }, 120_000);

  it("a mirror that cannot be reached: the agent falls back to a direct pull and the log says so", async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    await updateSettings(cp.t.db, { registryMirror: dead }, actor, meta);
    const svc = await addService(cp.t.db, { name: `${PREFIX}fallback`, image: IMAGE, command: httpdCommand("fallback"), hostId });
    await forgetLocally();
    const d = await deployAndWait(cp.t.db, svc.id);
    const log = d.log.join("\n");
    expect(log).toContain(`the registry mirror ${dead} could not provide ${IMAGE}`);
    expect(log).toContain("falling back to a direct pull");
    expect(log).toContain(`pulling ${IMAGE}\n`);
    expect(d.status).toBe("failed"); // the direct pull needs the internet, which is not here
    expect(d.error).toMatch(/^image_pull_failed/);
  }, 120_000);

  it("images of other registries pull directly, never through the mirror", async () => {
    await updateSettings(cp.t.db, { registryMirror: `127.0.0.1:${await freePort()}` }, actor, meta);
    // The real registry, named directly: it is not Docker Hub, so the mirror setting does not apply.
    const svc = await addService(cp.t.db, { name: `${PREFIX}other`, image: `${mirror}/library/${IMAGE}`, command: httpdCommand("other"), hostId });
    await forgetLocally();
    const d = await deployAndWait(cp.t.db, svc.id);
    expect(d.error).toBeNull();
    expect(d.status).toBe("succeeded");
    expect(d.log.join("\n")).toContain(`is not a Docker Hub image by tag: pulling it directly`);
  }, 120_000);
});
