// Running cloudflared for a locally managed tunnel on its host, through the TunnelDeployer the
// caller passes (lib/agents' agent sessions in production): its files (config.yml, the
// credentials JSON, the LAN proxy's root CA) are written below the agent's managed directory,
// then the container is applied, each file bind-mounted read-only. The container's spec carries a
// hash of the files' contents, so a changed config recreates the container and an unchanged one
// leaves it running (no-op).
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { ServiceSpecSchema, type ServiceSpec } from "@/lib/protocol";
import { CLOUDFLARED_CONFIG_DIR, CLOUDFLARED_CONFIG_PATH, CLOUDFLARED_CREDENTIALS_PATH } from "./cloudflared-config";
import { TunnelDeployError, type TunnelDeployer } from "./deployer";
import { LOCAL_CA_POOL_PATH } from "./plan";

/** Pinned so a deploy never depends on a registry lookup of "latest" (offline first). */
export const CLOUDFLARED_IMAGE = "cloudflare/cloudflared:2025.11.1";
/** The cloudflared image runs as the distroless "nonroot" user; its 0600 files are given to it. */
export const CLOUDFLARED_UID = 65532;
/** The files live at cloudflared/<tunnel name>/<file> below the agent's managed directory. */
export const CLOUDFLARED_FILES_PREFIX = "cloudflared";
/** Environment variable holding the hash of the mounted files (cloudflared ignores it). */
export const CLOUDFLARED_CONFIG_HASH_ENV = "HOMEPORT_CONFIG_SHA256";
const CONTAINER_NAME_MAX = 63;

/** One file the container needs: where the agent writes it (relative) and where it is mounted. */
export interface CloudflaredFile {
  name: string;
  target: string;
  /** May be secret (the credentials): sent to the agent only, never logged or returned. */
  content: string;
}

export interface CloudflaredContainerSpec {
  name: string;
  image: string;
  command: string[];
  restartPolicy: "unless-stopped";
  /** Files the agent writes (mode 0600) before the container is applied; each is bind-mounted. */
  files: CloudflaredFile[];
}

/** `homeport-cloudflared-<tunnel>`, shortened with a hash when it would exceed Docker-name limits. */
function containerName(tunnelName: string): string {
  const name = `homeport-cloudflared-${tunnelName}`.replace(/-+$/, "");
  if (name.length <= CONTAINER_NAME_MAX) return name;
  const hash = createHash("sha256").update(tunnelName).digest("hex").slice(0, 8);
  return `${name.slice(0, CONTAINER_NAME_MAX - 9).replace(/-+$/, "")}-${hash}`;
}

/**
 * The container that runs a locally managed tunnel. `credentialsJson` is the tunnel's
 * credentials file (secret: the agent writes it with mode 0600 and it is never logged).
 */
export function cloudflaredContainerSpec(input: { tunnelName: string; configYaml: string; credentialsJson: string; rootCaPem: string | null }): CloudflaredContainerSpec {
  const file = (target: string, content: string): CloudflaredFile => ({
    name: `${CLOUDFLARED_FILES_PREFIX}/${input.tunnelName}/${target.slice(CLOUDFLARED_CONFIG_DIR.length + 1)}`,
    target,
    content,
  });
  return {
    name: containerName(input.tunnelName),
    image: CLOUDFLARED_IMAGE,
    command: ["tunnel", "--no-autoupdate", "--config", CLOUDFLARED_CONFIG_PATH, "run"],
    restartPolicy: "unless-stopped",
    files: [
      file(CLOUDFLARED_CONFIG_PATH, input.configYaml),
      file(CLOUDFLARED_CREDENTIALS_PATH, input.credentialsJson),
      ...(input.rootCaPem ? [file(LOCAL_CA_POOL_PATH, input.rootCaPem)] : []),
    ],
  };
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** One hash over every file's name and content: the container's "config version". */
export function cloudflaredFilesHash(files: CloudflaredFile[]): string {
  const h = createHash("sha256");
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) h.update(`${f.name}\0${sha256(f.content)}\0`);
  return h.digest("hex");
}

export const CLOUDFLARED_DEPLOY_STATUSES = ["deployed", "unchanged", "no_host", "agent_unavailable", "failed"] as const;
export type CloudflaredDeployStatus = (typeof CLOUDFLARED_DEPLOY_STATUSES)[number];

/** What happened to the cloudflared container; holds file names and hashes, never contents. */
export interface CloudflaredHandOff {
  status: CloudflaredDeployStatus;
  message: string;
  hostId: string | null;
  containerId: string | null;
  /** `cloudflaredFilesHash` of the files: the same value means the same running config. */
  configHash: string;
  spec: {
    name: string;
    image: string;
    command: string[];
    restartPolicy: "unless-stopped";
    /** Bind mounts; `source` is the host path the agent reported (null when nothing was written). */
    volumes: { source: string | null; target: string; readOnly: boolean }[];
    /** The files' names below the agent's managed directory. */
    files: string[];
  };
}

/**
 * How the tunnel's container is deployed: the deployer that reaches its host, and overrides for
 * the container. The defaults run the pinned cloudflared image; the integration tests substitute
 * a stand-in image (cloudflared cannot be pulled offline).
 */
export interface DeployCloudflaredOptions {
  /**
   * Reaches the tunnel's host (lib/agents' `agentTunnelDeployer` in production). Without one, a
   * tunnel placed on a host is not deployed and says so (agent_unavailable).
   */
  deployer?: TunnelDeployer;
  image?: string;
  command?: string[];
  ports?: ServiceSpec["ports"];
  /** Owner of the written files; null keeps the agent's own user. Default: `CLOUDFLARED_UID`. */
  fileOwnerUid?: number | null;
}

/** The Tunnel status a deploy outcome stands for (Tunnel.status, shown by the tunnels panel). */
export function tunnelStatusOfDeploy(h: CloudflaredHandOff): { status: string; detail: string } {
  const status = { deployed: "ok", unchanged: "ok", no_host: "pending", agent_unavailable: "agent_unavailable", failed: "deploy_failed" }[h.status];
  return { status, detail: h.message };
}

async function writeAndApply(deployer: TunnelDeployer, hostId: string, tunnelId: string, spec: CloudflaredContainerSpec, configHash: string, opts: DeployCloudflaredOptions) {
  const owner = opts.fileOwnerUid === undefined ? CLOUDFLARED_UID : opts.fileOwnerUid;
  const volumes: { source: string; target: string; readOnly: true }[] = [];
  for (const f of spec.files) {
    const r = await deployer.writeFile(hostId, { path: f.name, content: f.content, mode: 0o600, ...(owner === null ? {} : { ownerUid: owner }) });
    if (r.sha256 !== sha256(f.content)) throw new Error(`the agent reports other content for ${f.name} than was sent`);
    volumes.push({ source: r.path, target: f.target, readOnly: true });
  }
  const serviceSpec = ServiceSpecSchema.parse({
    serviceId: `tunnel-${tunnelId}`,
    name: spec.name,
    image: opts.image ?? spec.image,
    command: opts.command ?? spec.command,
    env: { [CLOUDFLARED_CONFIG_HASH_ENV]: configHash },
    ports: opts.ports ?? [],
    volumes,
    healthcheck: null,
    restartPolicy: spec.restartPolicy,
    egress: "open",
  });
  const applied = await deployer.applyContainer(hostId, `cloudflared-${randomUUID()}`, serviceSpec);
  return { applied, volumes, image: serviceSpec.image, command: serviceSpec.command };
}

/**
 * Deploys the tunnel's cloudflared container on its host through `opts.deployer`: writes the files
 * (0600, owned by cloudflared's user), then applies the container (same files → same spec hash →
 * nothing to do; changed files → a new container replaces the old one after its health wait, or
 * the old one stays on failure). The outcome is recorded in the Tunnel's status and the audit log
 * (without any file content). Never throws for deployer failures.
 */
export async function deployCloudflaredViaAgent(
  db: Db,
  tunnel: { id: string; hostId: string | null },
  spec: CloudflaredContainerSpec,
  actor: AuditActor,
  meta: AuditOrigin,
  opts: DeployCloudflaredOptions = {},
): Promise<CloudflaredHandOff> {
  const configHash = cloudflaredFilesHash(spec.files);
  const base = {
    hostId: tunnel.hostId,
    configHash,
    spec: {
      name: spec.name,
      image: opts.image ?? spec.image,
      command: opts.command ?? spec.command,
      restartPolicy: spec.restartPolicy,
      volumes: spec.files.map((f) => ({ source: null, target: f.target, readOnly: true })),
      files: spec.files.map((f) => f.name),
    },
  };
  let handOff: CloudflaredHandOff;
  const { deployer } = opts;
  if (!tunnel.hostId) {
    handOff = { ...base, status: "no_host", containerId: null, message: "cloudflared config generated; choose the host whose agent runs cloudflared to deploy it" };
  } else if (!deployer) {
    handOff = { ...base, status: "agent_unavailable", containerId: null, message: "cloudflared config generated; this caller cannot reach agents, so it was not deployed" };
  } else if (!deployer.isOnline(tunnel.hostId)) {
    handOff = { ...base, status: "agent_unavailable", containerId: null, message: "cloudflared config generated; the host's agent is not connected, so it was not deployed" };
  } else {
    try {
      const { applied, volumes, image, command } = await writeAndApply(deployer, tunnel.hostId, tunnel.id, spec, configHash, opts);
      const changed = applied.outcome !== "unchanged";
      handOff = {
        ...base,
        spec: { ...base.spec, image, command, volumes },
        status: changed ? "deployed" : "unchanged",
        containerId: applied.containerId,
        message: changed
          ? `cloudflared ${applied.outcome === "created" ? "started" : "restarted with the new config"} (container ${applied.containerId.slice(0, 12)})`
          : `cloudflared already runs this config (container ${applied.containerId.slice(0, 12)})`,
      };
    } catch (err) {
      const why = err instanceof TunnelDeployError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      handOff = { ...base, status: "failed", containerId: null, message: `deploying cloudflared through the agent failed; the previous container (if any) keeps running. ${why}` };
    }
  }
  const { status, detail } = tunnelStatusOfDeploy(handOff);
  await db.$transaction(async (tx) => {
    await tx.tunnel.update({ where: { id: tunnel.id }, data: { status, statusDetail: detail, checkedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: "tunnel.cloudflared.deploy",
      target: { type: "tunnel", id: tunnel.id },
      details: { outcome: handOff.status, hostId: tunnel.hostId, containerId: handOff.containerId, configHash, files: base.spec.files },
      meta,
    });
  });
  return handOff;
}
