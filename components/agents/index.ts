// Client components of the agents domain, for the Hosts and Service pages.
export { EnrollmentDialog } from "./enrollment-dialog";
export { HostStatusBadge, HostStatusLabel } from "./host-status-badge";
export { HostContainers } from "./host-containers";
export { RevokeHostButton } from "./revoke-host-button";
export { ServiceRuntime } from "./service-runtime";
export { ServiceLogs } from "./service-logs";
export { ServiceStats } from "./service-stats";
export { ContainerStateBadge } from "./container-state-badge";
export { useAgentEvents, agentQueryKeys } from "./agent-live";
