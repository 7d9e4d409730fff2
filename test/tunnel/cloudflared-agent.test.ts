// A locally managed tunnel deployed through a real agent on the real Docker engine: applyTunnel
// writes cloudflared's files with `file/write` (0600, below the agent's managed directory) and
// applies the container with `service/apply`, bind-mounting them. Same routes → no-op; a route
// change → new config.yml and a new container. `file/write` refuses paths that leave its directory.
//
// STAND-IN: the cloudflared image cannot be pulled here (no registry), so the container runs the
// busybox test image (built FROM scratch from Debian's busybox-static) with `httpd` serving the
// directory the files are mounted in, published on 127.0.0.1. Everything else — the files, the
// mounts, the config hash, the rollout — is what a real cloudflared deploy does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentRequestError, agentTunnelDeployer } from "@/lib/agents";
import { LABELS, MAX_MANAGED_FILE_BYTES } from "@/lib/protocol";
import { applyTunnel, createTunnel, planTunnel, CLOUDFLARED_CONFIG_HASH_ENV, CLOUDFLARED_UID, type DeployCloudflaredOptions } from "@/lib/tunnel";
import { buildBusyboxImage, docker, ensureDocker } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, enrolledAgent, freePort, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";
import type { AgentProcess } from "../agents/helpers/agent-process";

const PREFIX = "hpt-t-";
const TUNNEL = `${PREFIX}local`;
const TUNNEL_UUID = "6ff42ae2-765d-4adf-8112-31c55c1551ef";
const SECRET = "dGhpcy1pcy1hLXRlc3Qtc2VjcmV0";
const CREDENTIALS = JSON.stringify({ AccountTag: "023e105f4ecef8ad9ca31a8372d0c353", TunnelSecret: SECRET, TunnelID: TUNNEL_UUID });
const ROOT_CA = "-----BEGIN CERTIFICATE-----\nstand-in root\n-----END CERTIFICATE-----\n";

let cp: TestControlPlane;
let image: string;
let hostId: string;
let stateDir: string;
let agent: AgentProcess;
let tunnelId: string;
let port: number;
let standIn: DeployCloudflaredOptions;
let firstContainerId = "";
const outside = mkdtempSync(join(tmpdir(), "homeport-outside-"));

const filesDir = () => join(realpathSync(stateDir), "files", "cloudflared", TUNNEL);
const tunnelContainers = () => docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=tunnel-${tunnelId}`] } });
const served = async (file: string) => {
  const r = await fetch(`http://127.0.0.1:${port}/${file}`, { signal: AbortSignal.timeout(2_000) });
  return r.ok ? r.text() : `HTTP ${r.status}`;
};
const apply = () => applyTunnel(cp.t.db, tunnelId, actor, meta, ROOT_CA, standIn);

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  ({ hostId, stateDir, agent } = await enrolledAgent(cp, `${PREFIX}host`));
  port = await freePort();
  standIn = {
    deployer: agentTunnelDeployer,
    image,
    command: ["httpd", "-f", "-p", "8080", "-h", "/etc/cloudflared"],
    ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }],
  };
  await cp.t.db.route.create({ data: { hostname: "app.example.com", upstreamUrl: "http://192.168.1.20:8080", exposure: "remote" } });
  const view = await createTunnel(
    cp.t.db,
    { name: TUNNEL, kind: "cloudflare", mode: "local", accountId: null, externalId: TUNNEL_UUID, credentials: CREDENTIALS, originUrl: "https://192.168.1.10:443", apiBaseUrl: null, hostId },
    actor,
    meta,
  );
  tunnelId = view.id;
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  if (tunnelId) for (const c of await tunnelContainers()) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  if (image) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
}, 60_000);

describe("locally managed tunnel deployed through the agent", () => {
  it("writes config.yml and the credentials 0600 on the host and runs the container with them mounted", async () => {
    const result = await apply();
    expect(result.handOff?.message).toMatch(/started/);
    expect(result.handOff?.status).toBe("deployed");
    expect(result.status.status).toBe("ok");
    const { configYaml } = await planTunnel(cp.t.db, tunnelId);
    expect(configYaml).toContain("app.example.com");

    const config = join(filesDir(), "config.yml");
    const credentials = join(filesDir(), "credentials.json");
    for (const [file, content] of [[config, configYaml], [credentials, CREDENTIALS], [join(filesDir(), "homeport-root-ca.crt"), ROOT_CA]] as const) {
      const st = statSync(file);
      expect(st.mode & 0o777).toBe(0o600);
      expect(st.uid).toBe(CLOUDFLARED_UID); // cloudflared's image runs as this user
      expect(readFileSync(file, "utf8")).toBe(content);
    }

    const id = result.handOff?.containerId ?? "";
    firstContainerId = id;
    const info = await docker.getContainer(id).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.Name).toBe(`/homeport-cloudflared-${TUNNEL}`);
    expect(info.Mounts).toEqual(expect.arrayContaining([
      expect.objectContaining({ Source: config, Destination: "/etc/cloudflared/config.yml", RW: false }),
      expect.objectContaining({ Source: credentials, Destination: "/etc/cloudflared/credentials.json", RW: false }),
    ]));
    expect(info.Config.Env).toContain(`${CLOUDFLARED_CONFIG_HASH_ENV}=${result.handOff?.configHash}`);
    expect(await waitUntil(async () => (await served("config.yml")) === configYaml, 10_000, "the stand-in to serve config.yml")).toBe(true);

    const row = await cp.t.db.tunnel.findUniqueOrThrow({ where: { id: tunnelId } });
    expect(row.status).toBe("ok");
    const audit = await cp.t.db.auditEvent.findMany({ where: { action: "tunnel.cloudflared.deploy", targetId: tunnelId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toContain("deployed");
    // The credentials go to the agent only: not in the result, the tunnel row, the audit or its details.
    expect(JSON.stringify({ result, row, audit })).not.toContain(SECRET);
  }, 90_000);

  it("applying again with the same routes is a no-op: same container, files untouched", async () => {
    const before = statSync(join(filesDir(), "config.yml"));
    const result = await apply();
    expect(result.handOff?.status).toBe("unchanged");
    expect(result.handOff?.containerId).toBe(firstContainerId);
    const after = statSync(join(filesDir(), "config.yml"));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect((await tunnelContainers()).map((c) => c.Id)).toEqual([firstContainerId]);
  }, 60_000);

  it("a route change rewrites config.yml and recreates the container with it", async () => {
    await cp.t.db.route.create({ data: { hostname: "new.example.com", upstreamUrl: "http://192.168.1.21:8080", exposure: "both" } });
    const result = await apply();
    expect(result.handOff?.status).toBe("deployed");
    expect(result.handOff?.message).toMatch(/restarted with the new config/);
    const id = result.handOff?.containerId ?? "";
    expect(id).not.toBe(firstContainerId);
    const { configYaml } = await planTunnel(cp.t.db, tunnelId);
    expect(configYaml).toContain("new.example.com");
    expect(readFileSync(join(filesDir(), "config.yml"), "utf8")).toBe(configYaml);
    expect((await tunnelContainers()).map((c) => c.Id)).toEqual([id]);
    expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
    expect(await waitUntil(async () => (await served("config.yml")) === configYaml, 10_000, "the new config.yml to be served")).toBe(true);
    firstContainerId = id;
  }, 90_000);

  it("a container that will not start is rolled back: the running one stays, the tunnel says deploy_failed", async () => {
    // Stands in for a cloudflared that exits at once (e.g. refused credentials).
    const result = await applyTunnel(cp.t.db, tunnelId, actor, meta, ROOT_CA, { ...standIn, command: ["sh", "-c", "echo refused >&2; exit 3"] });
    expect(result.handOff?.status).toBe("failed");
    expect(result.handOff?.message).toMatch(/exited with code 3/);
    expect(result.status.status).toBe("deploy_failed");
    expect((await cp.t.db.tunnel.findUniqueOrThrow({ where: { id: tunnelId } })).status).toBe("deploy_failed");
    expect((await tunnelContainers()).map((c) => c.Id)).toEqual([firstContainerId]);
    expect(await waitUntil(async () => (await docker.getContainer(firstContainerId).inspect()).State.Running, 10_000, "the previous container to run")).toBe(true);
    const audit = await cp.t.db.auditEvent.findMany({ where: { action: "tunnel.cloudflared.deploy", targetId: tunnelId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => (JSON.parse(a.details ?? "{}") as { outcome: string }).outcome)).toEqual(["deployed", "unchanged", "deployed", "failed"]);
  }, 90_000);
});

describe("file/write", () => {
  const session = () => {
    const s = cp.hub.session(hostId);
    if (!s) throw new Error("the agent is not connected");
    return s;
  };
  const refused = async (path: string, content = "x") => {
    const err = await session().request("file/write", { path, content }).then(() => null, (e: unknown) => e);
    expect(err, `file/write ${path} must be refused`).toBeInstanceOf(AgentRequestError);
    return err as AgentRequestError;
  };

  it("refuses ../, absolute paths, symlink escapes and oversized content; the agent keeps running", async () => {
    for (const path of ["../x", "/tmp/homeport-x", "a/../../x", "./x", "a//x", ".hidden"]) {
      expect((await refused(path)).code).toBe("invalid_params");
    }
    expect(existsSync(join(stateDir, "x"))).toBe(false);
    expect(existsSync("/tmp/homeport-x")).toBe(false);

    const files = join(stateDir, "files");
    mkdirSync(files, { recursive: true });
    symlinkSync(outside, join(files, "escape"));
    symlinkSync(join(outside, "target"), join(files, "link.txt"));
    expect((await refused("escape/x")).message).toMatch(/not a plain directory/);
    expect((await refused("link.txt")).message).toMatch(/not a regular file/);
    expect(existsSync(join(outside, "x")) || existsSync(join(outside, "target"))).toBe(false);

    expect((await refused("big.txt", "x".repeat(MAX_MANAGED_FILE_BYTES + 1))).code).toBe("invalid_params");

    expect(agent.child.exitCode).toBeNull();
    expect(cp.hub.isOnline(hostId)).toBe(true);
    const ok = await session().request("file/write", { path: "after/ok.txt", content: "still here" });
    expect(ok.path).toBe(join(realpathSync(stateDir), "files", "after", "ok.txt"));
    expect(statSync(ok.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(ok.path, "utf8")).toBe("still here");
  }, 30_000);
});
