// OpenAPI paths of the services list with state, deleting a service with its container, bulk
// actions and orphaned containers; `inventoryOpenApiPaths(base)` overrides the generic CRUD entries.
import { PageQuerySchema, pageSchema } from "../pagination";
import { ServiceListQuerySchema, ServiceRowSchema } from "@/lib/inventory/service-state";
import { BulkRequestSchema, BulkResultSchema, ServiceDeleteParamsSchema, ServiceDeleteReportSchema } from "@/lib/agents/schemas";
import { z } from "zod";
import { body, errors, ok, pathParam as path, queryParams as query, type Json } from "../openapi-helpers";

export function inventoryOpenApiPaths(base: { collection: Json; item: Json }): Json {
  const services = ["services"];
  return {
    "/services": {
      ...base.collection,
      get: {
        tags: services,
        summary: "List services with their state (deploy failed, exited with its code, restarting, unhealthy, no container, stopped on purpose, running…), uptime and latest CPU and memory; broken first by default",
        parameters: query(PageQuerySchema.extend(ServiceListQuerySchema.shape)),
        responses: { ...ok(pageSchema(ServiceRowSchema)), ...errors(400, 401, 403) },
      },
    },
    "/services/{id}": {
      ...base.item,
      delete: {
        tags: services,
        summary: "Delete a service and, unless ?container=false, its container (and with ?volumes=true its named volumes) through its host's agent; reports what was removed and what was left (a container left while the agent is offline is listed as orphaned on its host)",
        parameters: query(ServiceDeleteParamsSchema),
        responses: { ...ok(ServiceDeleteReportSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/services/bulk": {
      post: { tags: services, summary: "Start, stop, restart, deploy or delete many services; each one's outcome is reported on its own", requestBody: body(BulkRequestSchema), responses: { ...ok(BulkResultSchema), ...errors(400, 401, 403, 413, 415, 422) } },
    },
    "/hosts/{id}/containers/{containerId}/remove": {
      parameters: [path("id"), path("containerId")],
      post: { tags: ["hosts"], summary: "Remove a managed container whose service no longer exists (orphaned)", responses: { ...ok(z.object({ removed: z.string() })), ...errors(401, 403, 404, 409, 503) } },
    },
  };
}
