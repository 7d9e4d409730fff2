// OpenAPI paths of the routes domain (/routes/plan, /routes/{id}/plan|apply|status|checks/run,
// /drill), from the same zod schemas the handlers use; spread into lib/api/openapi.ts.
import { body, errors, idParam, ok, type Json } from "../openapi-helpers";
import { DrillReportSchema, RouteApplyResultSchema, RouteChecksRunSchema, RoutePlanRequestSchema, RoutePlanViewSchema, RouteStatusViewSchema } from "@/lib/routes/schemas";

export function routesOpenApiPaths(): Json {
  const tags = ["routes"];
  return {
    "/routes/plan": {
      post: { tags, summary: "The plan of an unsaved route (the wizard's review): every part and the checks that will verify it; changes nothing", requestBody: body(RoutePlanRequestSchema), responses: { ...ok(RoutePlanViewSchema), ...errors(400, 401, 403, 413, 415, 422) } },
    },
    "/routes/{id}/plan": {
      parameters: [idParam],
      get: { tags, summary: "The plan of a route: what applying changes in LAN DNS, the proxy, the tunnel and public DNS (reads the providers); changes nothing", responses: { ...ok(RoutePlanViewSchema), ...errors(401, 403, 404) } },
    },
    "/routes/{id}/apply": {
      parameters: [idParam],
      post: { tags, summary: "Converge the route's four parts now (LAN DNS → proxy → tunnel → public DNS) and run its checks; no request body", responses: { ...ok(RouteApplyResultSchema), ...errors(401, 403, 404) } },
    },
    "/routes/{id}/status": {
      parameters: [idParam],
      get: { tags, summary: "Per-part status, the three verdicts and the LAN/remote sides vantage by vantage", responses: { ...ok(RouteStatusViewSchema), ...errors(401, 403, 404) } },
    },
    "/routes/{id}/checks/run": {
      parameters: [idParam],
      post: { tags, summary: "Run the route's checks now from every vantage point that runs them; no request body", responses: { ...ok(RouteChecksRunSchema), ...errors(401, 403, 404) } },
    },
    "/drill": {
      post: { tags: ["drill"], summary: "The internet-down drill: what still works for every route and service with the internet gone (sends nothing to the internet); no request body", responses: { ...ok(DrillReportSchema), ...errors(401, 403) } },
    },
  };
}
