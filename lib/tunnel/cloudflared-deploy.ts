// Running cloudflared for a locally managed tunnel: the container spec and the files it needs.
// Deploying it goes through the host's agent, which the agents work provides; until then
// `deployCloudflaredViaAgent` is the one hand-off point and reports that it is not wired yet.
import { CLOUDFLARED_CONFIG_DIR, CLOUDFLARED_CONFIG_PATH } from "./cloudflared-config";
import { CLOUDFLARED_CREDENTIALS_PATH } from "./providers/cloudflare";
import { LOCAL_CA_POOL_PATH } from "./plan";
import type { RenderedFile } from "./types";

/** Pinned so a deploy never depends on a registry lookup of "latest" (offline first). */
export const CLOUDFLARED_IMAGE = "cloudflare/cloudflared:2025.11.1";
/** Host directory the agent writes the files into, bind-mounted read-only into the container. */
export const CLOUDFLARED_HOST_DIR = "/var/lib/homeport/cloudflared";

export interface CloudflaredContainerSpec {
  name: string;
  image: string;
  command: string[];
  volumes: { source: string; target: string; readOnly: boolean }[];
  restartPolicy: "unless-stopped";
  /** Files the agent must write under `CLOUDFLARED_HOST_DIR` before starting the container. */
  files: RenderedFile[];
}

/**
 * The container that runs a locally managed tunnel. `credentialsJson` is the tunnel's
 * credentials file (secret: the agent writes it with mode 0600 and it is never logged).
 */
export function cloudflaredContainerSpec(input: { tunnelName: string; configYaml: string; credentialsJson: string; rootCaPem: string | null }): CloudflaredContainerSpec {
  const hostPath = (p: string) => `${CLOUDFLARED_HOST_DIR}/${input.tunnelName}/${p.slice(CLOUDFLARED_CONFIG_DIR.length + 1)}`;
  const files: RenderedFile[] = [
    { path: hostPath(CLOUDFLARED_CONFIG_PATH), content: input.configYaml },
    { path: hostPath(CLOUDFLARED_CREDENTIALS_PATH), content: input.credentialsJson },
    ...(input.rootCaPem ? [{ path: hostPath(LOCAL_CA_POOL_PATH), content: input.rootCaPem }] : []),
  ];
  return {
    name: `homeport-cloudflared-${input.tunnelName}`,
    image: CLOUDFLARED_IMAGE,
    command: ["tunnel", "--no-autoupdate", "--config", CLOUDFLARED_CONFIG_PATH, "run"],
    volumes: [{ source: `${CLOUDFLARED_HOST_DIR}/${input.tunnelName}`, target: CLOUDFLARED_CONFIG_DIR, readOnly: true }],
    restartPolicy: "unless-stopped",
    files,
  };
}

export type CloudflaredHandOff = { status: "pending_agent"; message: string; spec: Omit<CloudflaredContainerSpec, "files"> & { files: string[] } };

/**
 * Hands the container spec to the host's agent: write the files, then create or restart the
 * container. NOT WIRED YET — the agent protocol has no "write file" and "deploy spec" command for
 * non-inventory containers; the agents work should add them and call them here. Until then this
 * returns `pending_agent` with the spec (file paths only, no contents) so the UI can show it.
 */
export async function deployCloudflaredViaAgent(hostId: string | null, spec: CloudflaredContainerSpec): Promise<CloudflaredHandOff> {
  const where = hostId ? `host ${hostId}` : "no host chosen";
  return {
    status: "pending_agent",
    message: `cloudflared config generated; deploying it through the agent (${where}) is not available yet`,
    spec: { ...spec, files: spec.files.map((f) => f.path) },
  };
}
