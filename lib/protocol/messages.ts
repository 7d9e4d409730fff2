// Every agent-protocol message: requests from the control plane (grouped into reads and writes,
// each declaring its result), and events the agent pushes. One zod schema per message type.
import { z } from "zod";
import {
  ContainerSummarySchema,
  DockerInfoSchema,
  ImageSummarySchema,
  StatsSampleSchema,
} from "./docker";
import { ServiceSpecSchema } from "./spec";
import { MAX_STACK_RESOURCES } from "./constants";
import { HostPolicySchema } from "./policy";
import { ProbeEvents, ProbeRequests } from "./probes";
import { FileWriteRequest } from "./files";
import { LogStreamEvents, LogStreamRequests } from "./log-stream";
import { ExecEvents, ExecRequests, InspectRequests } from "./exec";
import { RegistryMirrorSchema } from "./image-ref";
import { SwarmEvents, SwarmReadRequests, SwarmWriteRequests } from "./swarm";
import { ScanEvents, ScanReadRequests } from "./scan";
import { GameDayEvents, GameDayReadRequests, GameDayWriteRequests } from "./gameday";
import { FirewallEvents, FirewallReadRequests, FirewallWriteRequests } from "./firewall";

const ContainerRef = z.object({ containerId: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/) });
export const MAX_LOG_TAIL = 2000;
/** Deployments one deploy/outcomes request may ask about. */
export const MAX_OUTCOME_QUERY = 200;

/** A Docker network or volume name (what Docker itself accepts, bounded). */
const ResourceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, "a network or volume name");
const StackName = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "a stack name");
const StackResource = z.object({
  name: z.string().max(255),
  labels: z.record(z.string().max(1024), z.string().max(4096)),
  inUse: z.boolean(),
  usedBy: z.array(z.string().max(255)).max(MAX_STACK_RESOURCES).describe("containers, running or not, that use it"),
});

/** Read operations: never change anything on the host; allowed on unmanaged containers too. */
export const ReadRequests = {
  "container/list": {
    params: z.object({ all: z.boolean().default(true) }),
    result: z.object({ containers: z.array(ContainerSummarySchema) }),
  },
  "container/inspect": {
    params: ContainerRef,
    result: z.object({
      container: ContainerSummarySchema,
      command: z.array(z.string()),
      env: z.array(z.string()),
      restartCount: z.number().int(),
      networks: z.array(z.string()),
    }),
  },
  "container/logs": {
    params: ContainerRef.extend({
      tail: z.number().int().min(1).max(MAX_LOG_TAIL).default(200),
      sinceSeconds: z.number().int().nonnegative().optional(),
    }),
    result: z.object({ lines: z.array(z.object({ stream: z.enum(["stdout", "stderr"]), text: z.string() })) }),
  },
  "container/stats": {
    params: ContainerRef,
    result: StatsSampleSchema,
  },
  "image/list": {
    params: z.object({}),
    result: z.object({ images: z.array(ImageSummarySchema) }),
  },
  "deploy/outcomes": {
    params: z.object({ deploymentIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_OUTCOME_QUERY) }),
    result: z.object({
      outcomes: z.array(z.object({
        deploymentId: z.string().max(64),
        status: z.enum(["running", "succeeded", "unchanged", "failed", "unknown"]).describe("unknown: this agent never received it, or has forgotten it"),
        containerId: z.string().max(64).nullable(),
        error: z.string().max(4096).nullable(),
      })).max(MAX_OUTCOME_QUERY),
    }),
  },
  "stack/resources": {
    params: z.object({ stack: StackName }),
    result: z.object({
      networks: z.array(StackResource.extend({ internal: z.boolean() })).max(MAX_STACK_RESOURCES),
      volumes: z.array(StackResource).max(MAX_STACK_RESOURCES),
    }).describe("the networks and volumes Homeport created for the stack on this host"),
  },
  ...ProbeRequests,
  ...LogStreamRequests,
  ...InspectRequests,
  ...SwarmReadRequests,
  ...ScanReadRequests,
  ...GameDayReadRequests,
  ...FirewallReadRequests,
} as const;

/** Write operations: only on Homeport-managed containers, networks and volumes. */
export const WriteRequests = {
  "service/apply": {
    params: z.object({
      deploymentId: z.string().min(1).max(64),
      spec: ServiceSpecSchema,
      pull: z.boolean().default(false).describe("pull even when the image is present"),
      mirror: RegistryMirrorSchema.nullable().default(null).describe("a LAN registry mirror Docker Hub images are pulled through (falling back to a direct pull)"),
    }),
    result: z.object({
      outcome: z.enum(["unchanged", "replaced", "created"]),
      specHash: z.string(),
      containerId: z.string(),
    }),
  },
  "container/start": { params: ContainerRef, result: z.object({ container: ContainerSummarySchema.nullable() }) },
  "container/stop": { params: ContainerRef, result: z.object({ container: ContainerSummarySchema.nullable() }) },
  "container/restart": { params: ContainerRef, result: z.object({ container: ContainerSummarySchema.nullable() }) },
  "container/remove": { params: ContainerRef, result: z.object({ container: ContainerSummarySchema.nullable() }) },
  "image/pull": {
    params: z.object({ image: z.string().min(1).max(255), mirror: RegistryMirrorSchema.nullable().default(null) }),
    result: z.object({ image: z.string(), id: z.string() }),
  },
  "file/write": FileWriteRequest,
  /** Only networks and volumes Homeport created (`not_managed` otherwise); `conflict` while a container uses one. */
  "network/remove": { params: z.object({ name: ResourceName }), result: z.object({ name: z.string() }) },
  "volume/remove": { params: z.object({ name: ResourceName }), result: z.object({ name: z.string() }) },
  ...ExecRequests,
  ...SwarmWriteRequests,
  ...GameDayWriteRequests,
  ...FirewallWriteRequests,
} as const;

export const Requests = { ...ReadRequests, ...WriteRequests };
export type RequestType = keyof typeof Requests;
export type ReadRequestType = keyof typeof ReadRequests;
export type WriteRequestType = keyof typeof WriteRequests;
export type RequestParams<T extends RequestType> = z.infer<(typeof Requests)[T]["params"]>;
export type RequestParamsInput<T extends RequestType> = z.input<(typeof Requests)[T]["params"]>;
export type RequestResult<T extends RequestType> = z.infer<(typeof Requests)[T]["result"]>;
export const REQUEST_TYPES = Object.keys(Requests) as RequestType[];
export const isWriteRequest = (t: RequestType): t is WriteRequestType => Object.hasOwn(WriteRequests, t);

/** Events the agent pushes without being asked. */
export const AgentEvents = {
  "agent/hello": z.object({
    agentVersion: z.string().max(64),
    protocolVersion: z.number().int(),
    hostname: z.string().max(253),
    docker: DockerInfoSchema.nullable(),
    /** The host's local policy as the agent enforces it (older agents do not send it). */
    policy: HostPolicySchema.optional(),
  }),
  "agent/snapshot": z.object({ at: z.string().max(64), containers: z.array(ContainerSummarySchema).max(2000) }),
  "agent/heartbeat": z.object({ at: z.string().max(64) }),
  "docker/event": z.object({
    action: z.string().max(64),
    containerId: z.string().max(64),
    at: z.string().max(64),
    container: ContainerSummarySchema.nullable().describe("state after the event; null once removed"),
  }),
  "deploy/log": z.object({ deploymentId: z.string().max(64), at: z.string().max(64), line: z.string().max(4096) }),
  "stats/sample": z.object({ samples: z.array(StatsSampleSchema).max(500) }),
  ...ProbeEvents,
  ...LogStreamEvents,
  ...ExecEvents,
  ...SwarmEvents,
  ...ScanEvents,
  ...GameDayEvents,
  ...FirewallEvents,
} as const;
export type AgentEventType = keyof typeof AgentEvents;
export type AgentEventParams<T extends AgentEventType> = z.infer<(typeof AgentEvents)[T]>;

/** Error codes carried by failed results and `protocol/error`. */
export const ErrorCodeSchema = z.enum([
  "malformed",
  "too_large",
  "unknown_type",
  "invalid_params",
  "version_mismatch",
  "not_found",
  "not_managed",
  "conflict",
  "policy_denied",
  "rate_limited",
  "image_pull_failed",
  "deploy_failed",
  "timeout",
  "unavailable",
  "internal",
]);
export type ProtocolErrorCode = z.infer<typeof ErrorCodeSchema>;
export const ProtocolErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string().max(4096) });
export type ProtocolError = z.infer<typeof ProtocolErrorSchema>;
