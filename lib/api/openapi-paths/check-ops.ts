// OpenAPI paths of the checks' day-to-day operations: pausing, maintenance windows and public
// status pages (admin-managed, and their signed-out JSON). Spread into probesOpenApiPaths().
import { body, errors, idParam, itemsSchema, noContent, ok, pathParam, type Json } from "../openapi-helpers";
import { CheckPauseSchema, CheckSchema, MaintenanceInputSchema, MaintenanceSchema } from "@/lib/probes/schemas";
import { PublicStatusSchema, StatusPageInputSchema, StatusPageSchema } from "@/lib/status-pages/schemas";

export function checkOpsOpenApiPaths(): Json {
  const checks = ["checks"], maintenance = ["maintenance"], statusPages = ["status pages"];
  return {
    "/checks/{id}/pause": {
      parameters: [idParam],
      post: { tags: checks, summary: "Pause (not probed, no incidents, no notifications; an open incident is ended) or resume a check; who and when are kept and audited", requestBody: body(CheckPauseSchema), responses: { ...ok(CheckSchema), ...errors(400, 401, 403, 404, 413, 415, 422) } },
    },
    "/maintenance": {
      get: { tags: maintenance, summary: "Maintenance windows: active, scheduled, and those ended in the last 30 days", responses: { ...ok(itemsSchema(MaintenanceSchema)), ...errors(401, 403) } },
      post: { tags: maintenance, summary: "Plan a maintenance window: results are still recorded, but no incident opens and nobody is notified for the checks it covers", requestBody: body(MaintenanceInputSchema), responses: { ...ok(MaintenanceSchema, "201"), ...errors(400, 401, 403, 413, 415, 422) } },
    },
    "/maintenance/{id}": {
      parameters: [idParam],
      get: { tags: maintenance, summary: "Get a maintenance window", responses: { ...ok(MaintenanceSchema), ...errors(401, 403, 404) } },
      patch: { tags: maintenance, summary: "Change a maintenance window (the whole window is sent)", requestBody: body(MaintenanceInputSchema), responses: { ...ok(MaintenanceSchema), ...errors(400, 401, 403, 404, 413, 415, 422) } },
      delete: { tags: maintenance, summary: "Delete a maintenance window (ends it now if active)", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/status-pages": {
      get: { tags: statusPages, summary: "List public status pages", responses: { ...ok(itemsSchema(StatusPageSchema)), ...errors(401, 403) } },
      post: { tags: statusPages, summary: "Create a public status page publishing check groups at /status/<slug> (admin scope)", requestBody: body(StatusPageInputSchema), responses: { ...ok(StatusPageSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    "/status-pages/{id}": {
      parameters: [idParam],
      get: { tags: statusPages, summary: "Get a status page", responses: { ...ok(StatusPageSchema), ...errors(401, 403, 404) } },
      patch: { tags: statusPages, summary: "Change a status page (admin scope; the whole page is sent)", requestBody: body(StatusPageInputSchema), responses: { ...ok(StatusPageSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
      delete: { tags: statusPages, summary: "Delete a status page (admin scope)", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/status-pages/public/{slug}": {
      parameters: [pathParam("slug")],
      get: { tags: statusPages, security: [], summary: "A published status page, signed out: check names, states, uptime, hourly history and open incidents' start times; nothing internal. Rate-limited per address, cacheable for 5 s; unknown or unpublished slugs are 404", responses: { ...ok(PublicStatusSchema), ...errors(404, 429) } },
    },
  };
}
