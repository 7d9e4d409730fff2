// OpenAPI paths of the capacity API (/api/v1/capacity): live headroom and the scale bench's last run,
// from the same zod schemas the handlers answer with. lib/api/openapi.ts spreads `capacityOpenApiPaths()` into `paths`.
import { errors, ok, type Json } from "../openapi-helpers";
import { CapacityLiveSchema, CapacityRunSchema } from "@/lib/capacity/schemas";

export function capacityOpenApiPaths(): Json {
  const tags = ["capacity"];
  return {
    "/capacity": {
      get: {
        tags,
        summary: "This instance's live headroom: agents enrolled/connected, containers, services, checks per minute, events per second and open streams, process RSS/heap/CPU/event loop lag, database size and write p95 (read scope)",
        responses: { ...ok(CapacityLiveSchema), ...errors(401, 403) },
      },
    },
    "/capacity/run": {
      get: {
        tags,
        summary: "The scale bench's last run (`<data dir>/capacity/last-run.json`, written by `npm run bench:scale`): steps, targets and the collapse point (read scope). 404 when no run was written yet, 422 when the file is damaged (the message names it)",
        responses: { ...ok(CapacityRunSchema), ...errors(401, 403, 404, 422) },
      },
    },
  };
}
