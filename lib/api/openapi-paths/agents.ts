// OpenAPI paths of the agents domain (enrollment, host status and containers, deploys, container
// actions, logs, stats, live events), from the same zod schemas the handlers parse. The document
// in lib/api/openapi.ts spreads `agentsOpenApiPaths()` into its `paths`.
import { z } from "zod";
import { StatsSampleSchema } from "@/lib/protocol/docker";
import { HostSchema, ServiceSchema } from "@/lib/inventory/schemas";
import {
  ActionRequestSchema, AdoptRequestSchema, ContainerStateSchema, DeploymentSchema, DeployRequestSchema,
  EnrollmentCreatedSchema, EnrollmentCreateSchema, EnrollmentSchema, EnrollRequestSchema, EnrollResultSchema,
  HostContainerSchema, HostStatusSchema, HostUpdateSchema, LogsQuerySchema, RevokeRequestSchema,
} from "@/lib/agents/schemas";
import { swarmOpenApiPaths } from "./swarm";
import { body, errors, eventStream, itemsSchema as items, noContent, ok, pathParam as path, queryParams as query, type Json } from "../openapi-helpers";

// Declared inside app/api/v1/events/route.ts (route files may export only handlers); restated here.
const EventsFilterSchema = z.object({ hostId: z.string().max(64).optional(), serviceId: z.string().max(64).optional(), stats: z.enum(["0", "1"]).optional().describe("1: stats samples on a stream without a host or service filter") });

export function agentsOpenApiPaths(): Json {
  const hosts = ["hosts"], services = ["services"], enroll = ["enrollment"];
  const container = z.object({ container: ContainerStateSchema.nullable() });
  return {
    "/agents/enroll": {
      post: { tags: enroll, security: [], summary: "An agent spends a one-time enrollment token for its identity (no API token needed)", requestBody: body(EnrollRequestSchema), responses: { ...ok(EnrollResultSchema, "201"), ...errors(400, 401, 409, 413, 415, 422) } },
    },
    "/enrollments": {
      get: { tags: enroll, summary: "Pending enrollment tokens (admin scope; the tokens themselves are never shown again)", responses: { ...ok(items(EnrollmentSchema)), ...errors(401, 403) } },
      post: { tags: enroll, summary: "Create a one-time enrollment token and the command to run on the new host (admin scope)", requestBody: body(EnrollmentCreateSchema), responses: { ...ok(EnrollmentCreatedSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    "/enrollments/{id}": {
      parameters: [path("id")],
      delete: { tags: enroll, summary: "Withdraw an enrollment token", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/hosts/{id}": {
      parameters: [path("id")],
      get: { tags: hosts, summary: "One host", responses: { ...ok(HostSchema), ...errors(401, 403, 404) } },
      patch: { tags: hosts, summary: "Set where the host probes from: on the LAN or away (admin scope)", requestBody: body(HostUpdateSchema), responses: { ...ok(HostStatusSchema), ...errors(400, 401, 403, 404, 413, 415, 422) } },
      delete: { tags: hosts, summary: "Forget a revoked host (admin scope): its observed containers and vantage point go, its services become unplaced; 409 while it is not revoked or stacks are placed on it", responses: { ...ok(z.object({ id: z.string(), name: z.string(), unplacedServices: z.number().int() })), ...errors(401, 403, 404, 409) } },
    },
    "/hosts/{id}/status": {
      parameters: [path("id")],
      get: { tags: hosts, summary: "Online, or unknown with the last time the agent was seen", responses: { ...ok(HostStatusSchema), ...errors(401, 403, 404) } },
    },
    "/hosts/{id}/containers": {
      parameters: [path("id")],
      get: { tags: hosts, summary: "Containers the host's agent last reported, managed first; orphaned: managed but its service was deleted", responses: { ...ok(items(HostContainerSchema)), ...errors(401, 403, 404) } },
    },
    "/hosts/{id}/containers/{containerId}/adopt": {
      parameters: [path("id"), path("containerId")],
      post: { tags: hosts, summary: "Record an unmanaged container as a Service (the container is left alone)", requestBody: body(AdoptRequestSchema), responses: { ...ok(ServiceSchema, "201"), ...errors(400, 401, 403, 404, 409, 422, 503) } },
    },
    "/hosts/{id}/revoke": {
      parameters: [path("id")],
      post: { tags: hosts, summary: "Revoke the host's agent identity and cut its connection at once (admin scope)", requestBody: body(RevokeRequestSchema), responses: { ...ok(HostStatusSchema), ...errors(400, 401, 403, 404, 413, 415, 422) } },
    },
    "/services/{id}/deploy": {
      parameters: [path("id")],
      post: { tags: services, summary: "Start a rollout on the service's host; its log and outcome stream on /events. 403 when the host's reported agent policy refuses what the service asks for (devices, GPUs, capabilities, privileged, host network or PID, bind mounts); 409 while a rollout runs, or for a stack's service (applied through its stack)", requestBody: body(DeployRequestSchema), responses: { ...ok(DeploymentSchema, "202"), ...errors(400, 401, 403, 404, 409, 422, 503) } },
    },
    ...swarmOpenApiPaths(),
    "/services/{id}/deployments": {
      parameters: [path("id")],
      get: { tags: services, summary: "The latest rollouts, newest first", responses: { ...ok(items(DeploymentSchema)), ...errors(401, 403, 404) } },
    },
    "/services/{id}/actions": {
      parameters: [path("id")],
      post: { tags: services, summary: "Start, stop, restart or remove the service's container (audited)", requestBody: body(ActionRequestSchema), responses: { ...ok(container), ...errors(400, 401, 403, 404, 409, 422, 503) } },
    },
    "/services/{id}/container": {
      parameters: [path("id")],
      get: { tags: services, summary: "The service's container as last observed and, when its agent is online, how often the engine restarted it", responses: { ...ok(container.extend({ restartCount: z.number().int().nullable() })), ...errors(401, 403, 404) } },
    },
    "/services/{id}/logs": {
      parameters: [path("id"), ...query(LogsQuerySchema)],
      get: { tags: services, summary: "Recent log lines of the service's container, optionally filtered", responses: { ...ok(z.object({ containerId: z.string(), lines: z.array(z.object({ stream: z.enum(["stdout", "stderr"]), text: z.string() })) })), ...errors(400, 401, 403, 404, 409, 503) } },
    },
    "/services/{id}/stats": {
      parameters: [path("id")],
      get: { tags: services, summary: "Recent CPU and memory samples of the service's container", responses: { ...ok(z.object({ containerId: z.string().nullable(), samples: z.array(StatsSampleSchema) })), ...errors(401, 403, 404) } },
    },
    "/events": {
      get: {
        tags: ["events"],
        summary: "Live state as Server-Sent Events (`data: <event JSON>`), optionally filtered by ?hostId= or ?serviceId=",
        parameters: query(EventsFilterSchema),
        responses: { ...eventStream("An endless text/event-stream"), ...errors(400, 401, 403) },
      },
    },
  };
}
