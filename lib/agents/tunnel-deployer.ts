// The agents' side of lib/tunnel's TunnelDeployer: a host is online when its agent's session is
// connected to this process's hub; files go through `file/write`, containers through
// `service/apply`. Agent refusals become TunnelDeployErrors carrying the protocol's error code.
import { TunnelDeployError, type TunnelDeployer } from "@/lib/tunnel";
import { DEPLOY_TIMEOUT_MS } from "./deploy-outcome";
import { findAgentHub } from "./hub";
import { AgentRequestError, type AgentSession } from "./session";

function sessionOf(hostId: string): AgentSession {
  const session = findAgentHub()?.session(hostId);
  if (!session) throw new TunnelDeployError("agent_unavailable", "the host's agent is not connected");
  return session;
}

async function asDeployError<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof AgentRequestError) throw new TunnelDeployError(err.code, err.message);
    throw err;
  }
}

export const agentTunnelDeployer: TunnelDeployer = {
  isOnline: (hostId) => findAgentHub()?.isOnline(hostId) ?? false,
  async writeFile(hostId, file) {
    const r = await asDeployError(sessionOf(hostId).request("file/write", file));
    return { path: r.path, sha256: r.sha256 };
  },
  async applyContainer(hostId, deploymentId, spec) {
    const r = await asDeployError(sessionOf(hostId).request("service/apply", { deploymentId, spec, pull: false }, DEPLOY_TIMEOUT_MS));
    return { outcome: r.outcome, containerId: r.containerId };
  },
};
