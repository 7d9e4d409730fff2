// OpenAPI paths of Swarm services (a service run as a Docker Swarm service on a manager host):
// placement, scale and tasks, from the zod schemas the handlers parse. Spread into the agents paths.
import { ScaleInputSchema, SwarmPlacementInputSchema, SwarmPlacementViewSchema, SwarmServiceStatusSchema } from "@/lib/protocol/swarm";
import { z } from "zod";
import { body, errors, ok, pathParam as path, type Json } from "../openapi-helpers";

export function swarmOpenApiPaths(): Json {
  const tags = ["services"];
  return {
    "/services/{id}/swarm": {
      parameters: [path("id")],
      get: { tags, summary: "Whether the service runs as a container or as a Swarm service, with its replicas, placement constraints and rolling update settings", responses: { ...ok(SwarmPlacementViewSchema), ...errors(401, 403, 404) } },
      post: {
        tags,
        summary: "Run the service as a container or as a Swarm service (write scope; applied on the next deploy). 422 when the host is not a Swarm manager, or the service has what Swarm mode cannot run (volumes, egress offline, runtime options, a stack)",
        requestBody: body(SwarmPlacementInputSchema),
        responses: { ...ok(SwarmPlacementViewSchema), ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    "/services/{id}/scale": {
      parameters: [path("id")],
      post: {
        tags,
        summary: "Scale a deployed Swarm service to `replicas` (0-100, write scope); its tasks then stream on /events as swarm/tasks. 409 while a rollout runs or before the first deploy; 422 for a container service",
        requestBody: body(ScaleInputSchema),
        responses: { ...ok(z.object({ replicas: z.number().int(), previous: z.number().int() })), ...errors(400, 401, 403, 404, 409, 413, 415, 422, 503) },
      },
    },
    "/services/{id}/tasks": {
      parameters: [path("id")],
      get: { tags, summary: "A Swarm service's tasks per node (state, desired state, error, container id) and replicas running/desired, live from the manager; 422 for a container service, 503 when its agent is offline", responses: { ...ok(SwarmServiceStatusSchema), ...errors(401, 403, 404, 422, 503) } },
    },
  };
}
