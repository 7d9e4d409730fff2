// The agents domain: enrollment, the WebSocket hub and its sessions, observed container state,
// deployments and container operations through the agents.
export * from "./schemas";
export { AgentHub, startAgentHub, stopAgentHub, getAgentHub, findAgentHub, AGENT_SILENCE_MS } from "./hub";
export { AgentSession, AgentRequestError, REQUEST_TIMEOUT_MS } from "./session";
export {
  createEnrollmentToken,
  listEnrollmentTokens,
  deleteEnrollmentToken,
  exchangeEnrollmentToken,
  verifyAgentCredentials,
  agentCommands,
  ENROLLMENT_TOKEN_PREFIX,
} from "./enrollment";
export { deployService, listDeployments, getDeploymentOrThrow, serviceSpec, DEPLOY_TIMEOUT_MS, type StackPlacement, type StartedDeployment } from "./deployments";
export {
  serviceContainerAction,
  serviceLogs,
  serviceStats,
  listHostContainers,
  adoptContainer,
  serviceContainer,
  listServiceRows,
  withServiceStatus,
  deleteServiceWithContainer,
  removeOrphanContainer,
  deployRequested,
  bulkServiceAction,
  hostUsage,
  serviceContainerDetails,
  type HostUsage,
} from "./operations";
export { getHostStatusOrThrow, listHostStatuses, removeHost, revokeHost, updateHost } from "./hosts";
export { toContainerStateView, toDeploymentView, toHostStatusView, containerStateView, deploymentView, hostStatusView } from "./views";
export { containerStateRows, deploymentRows, type ContainerStateRecord, type DeploymentRecord } from "./rows";
export { startLocalAgent, localAgentEnabled } from "./local-agent";
export { getSwarmPlacement, setSwarmPlacement, listSwarmTasks, scaleSwarmService, isSwarmManager, swarmPanelData } from "./swarm";
export { agentTunnelDeployer } from "./tunnel-deployer";
export { getLogStreams, LOG_STREAM_LIMITS, type LogStreamRegistry } from "./log-streams";
export { logStreamResponse, serviceLogTargets, RELAY_QUEUE_BYTES, type LogTarget } from "./log-relay";
export { LogStreamQuerySchema, LogChunkSchema, type LogChunk, type LogStreamQuery } from "./log-stream-schemas";
