// What the tunnel domain needs from whatever runs containers on Homeport's hosts, to run
// cloudflared for a locally managed tunnel: whether a host can be reached now, writing a file on
// it, and applying a container spec there. lib/agents implements it over the agents' WebSocket
// sessions; callers that apply tunnels pass it in (the tunnel domain never imports lib/agents).
import type { RequestParamsInput, RequestResult, ServiceSpec } from "@/lib/protocol";

/** One file for the host: a path below the agent's managed directory, its content, mode and owner. */
export type TunnelFileWrite = RequestParamsInput<"file/write">;
/** Where the file landed on the host (absolute, for a bind mount) and the SHA-256 of what was written. */
export type TunnelFileWritten = Pick<RequestResult<"file/write">, "path" | "sha256">;
/** The container after the apply: created, replaced (new spec) or unchanged (same spec hash). */
export type TunnelContainerApplied = Pick<RequestResult<"service/apply">, "outcome" | "containerId">;

export interface TunnelDeployer {
  /** Whether the host's agent is connected now (a deploy to an offline host is not attempted). */
  isOnline(hostId: string): boolean;
  /** Writes one file on the host. Rejects with a TunnelDeployError when the host refuses or cannot be reached. */
  writeFile(hostId: string, file: TunnelFileWrite): Promise<TunnelFileWritten>;
  /**
   * Applies the container on the host (same spec → unchanged; a changed one replaces the running
   * container after its health wait, which stays on failure). Rejects with a TunnelDeployError.
   */
  applyContainer(hostId: string, deploymentId: string, spec: ServiceSpec): Promise<TunnelContainerApplied>;
}

/** A deployer's refusal: `code` is the host side's own (e.g. the agent protocol's `policy_denied`). */
export class TunnelDeployError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "TunnelDeployError";
  }
}
