// OpenAPI paths of the overview API (/api/v1/overview). lib/api/openapi.ts spreads `overviewOpenApiPaths()` into `paths`.
import { errors, ok, type Json } from "../openapi-helpers";
import { OverviewSchema } from "@/lib/overview/schemas";

export function overviewOpenApiPaths(): Json {
  return {
    "/overview": {
      get: {
        tags: ["overview"],
        summary: "What needs attention (most severe first: incidents, failed services and deploys, failing routes, disconnected agents, DNS and proxy trouble, then hints), the first-run checklist and the lab's summary",
        responses: { ...ok(OverviewSchema), ...errors(401, 403) },
      },
    },
  };
}
