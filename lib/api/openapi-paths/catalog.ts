// OpenAPI paths of the app catalog (/catalog…): templates, their icons, and plan/install of an app,
// from the same zod schemas the handlers use; spread into lib/api/openapi.ts.
import { body, errors, idParam, ok, type Json } from "../openapi-helpers";
import { CatalogAppDetailSchema, CatalogInstallResultSchema, CatalogInstallSchema, CatalogListSchema, CatalogPlanSchema } from "@/lib/catalog/schemas";

export function catalogOpenApiPaths(): Json {
  const tags = ["catalog"];
  return {
    "/catalog": {
      get: { tags, summary: "Every app template (built-in, and the user's folders, which replace a built-in of the same id) and the folders that did not load, with the reason", responses: { ...ok(CatalogListSchema), ...errors(401, 403) } },
    },
    "/catalog/{id}": {
      parameters: [idParam],
      get: { tags, summary: "One app template: variables (no generated secrets), route, checks, backup, notes and its compose file", responses: { ...ok(CatalogAppDetailSchema), ...errors(401, 403, 404) } },
    },
    "/catalog/{id}/icon": {
      parameters: [idParam],
      get: {
        tags, summary: "The template's icon, a checked SVG (no scripts, handlers or outside references), served with a CSP that forbids everything",
        responses: { "200": { description: "The SVG", content: { "image/svg+xml": { schema: { type: "string" } } } }, ...errors(401, 403, 404) },
      },
    },
    "/catalog/{id}/plan": {
      parameters: [idParam],
      post: { tags, summary: "What installing the app would create (stack, route and its DNS/proxy/tunnel parts, checks, images on the host); writes nothing. Bad values are 422 with issues at values.<NAME>; names taken are 409", requestBody: body(CatalogInstallSchema), responses: { ...ok(CatalogPlanSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
    },
    "/catalog/{id}/install": {
      parameters: [idParam],
      post: { tags, summary: "Install the app: its stack (catalogApp set, generated passwords in the sealed .env), rolled out with health gates; its checks (paused until healthy) and its route (created once healthy). 202; names taken are 409 and nothing is created", requestBody: body(CatalogInstallSchema), responses: { ...ok(CatalogInstallResultSchema, "202"), ...errors(400, 401, 403, 404, 409, 413, 415, 422, 503) } },
    },
  };
}
