// OpenAPI paths of the check-in API (/api/v1/checkin, incident acknowledgement), from the same zod
// schemas the handlers parse. lib/api/openapi.ts spreads `checkinOpenApiPaths()` into `paths`.
import { body, errors, idParam, ok, queryParams, type Json } from "../openapi-helpers";
import { AcknowledgeBodySchema, AcknowledgeResultSchema, CheckInQuerySchema, CheckInSummarySchema, SeenBodySchema, SeenResultSchema } from "@/lib/checkin/schemas";

export function checkinOpenApiPaths(): Json {
  const tags = ["check-in"];
  return {
    "/checkin": {
      get: {
        tags,
        summary: "The lab at one glance: verdict, open incidents, failing routes, unknown hosts, services not running, changes since your last check-in",
        parameters: queryParams(CheckInQuerySchema),
        responses: { ...ok(CheckInSummarySchema), ...errors(400, 401, 403) },
      },
    },
    "/checkin/seen": {
      post: {
        tags,
        summary: "Record that you looked at the summary generated at seenAt (your last check-in only moves forward)",
        requestBody: body(SeenBodySchema),
        responses: { ...ok(SeenResultSchema), ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    "/checks/incidents/{id}/acknowledge": {
      parameters: [idParam],
      post: {
        tags: ["checks", ...tags],
        summary: "Acknowledge an open incident (audited; repeating it changes nothing; 409 once the incident has ended)",
        requestBody: body(AcknowledgeBodySchema),
        responses: { ...ok(AcknowledgeResultSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
  };
}
