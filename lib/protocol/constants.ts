// Protocol-wide constants shared by the agent and the control plane: version, size cap, labels.

/** Bumped on any incompatible change of a message shape. Both sides refuse other versions. */
export const PROTOCOL_VERSION = 1;

/** Largest frame either side accepts; larger frames are refused before JSON parsing. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** Docker labels that mark a container as Homeport-managed. Only such containers may be changed. */
export const LABELS = {
  managed: "homeport.managed",
  serviceId: "homeport.service-id",
  serviceName: "homeport.service-name",
  specHash: "homeport.spec-hash",
  deploymentId: "homeport.deployment-id",
  /** The stack a container, network or volume belongs to (its name). */
  stack: "homeport.stack",
  test: "homeport.test",
  /** The agent that created the container (its enrolled id): the one that serves its port bridge. */
  agent: "homeport.agent",
} as const;

/** Most networks, volumes and users of each that one stack/resources answer lists. */
export const MAX_STACK_RESOURCES = 256;

/** The internal Docker network that `egress: offline` services are attached to (no route out). */
export const OFFLINE_NETWORK = "homeport-offline";

/** Agent connection path on the control plane, and the enrollment endpoint. */
export const AGENT_WS_PATH = "/api/agent";
export const ENROLL_PATH = "/api/v1/agents/enroll";
