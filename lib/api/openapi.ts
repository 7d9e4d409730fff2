// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers parse.
// Each domain documents its own paths in lib/<domain>/openapi.ts; they are spread into `paths`.
import { z } from "zod";
import { PageQuerySchema, pageSchema } from "./pagination";
import { ERROR_STATUS } from "./errors";
import { body, errors, idParam, noContent, ok, output, queryParams, type Json } from "./openapi-helpers";
import { ListQuerySchema, ServiceCreateSchema, ServiceSchema, ServiceUpdateSchema } from "@/lib/inventory/schemas";
import { RouteCreateSchema, RouteSchema, RouteUpdateSchema } from "@/lib/routes/schemas";
import { AuditEventSchema, AuditQuerySchema } from "@/lib/audit";
import { HostListPageSchema, HostListQuerySchema } from "@/lib/pages/schemas";
import { ApiTokenSchema, CreateApiTokenSchema } from "@/lib/auth/schemas";
import { dnsOpenApiPaths } from "./openapi-paths/dns";
import { ingressOpenApiPaths } from "./openapi-paths/ingress";
import { tunnelOpenApiPaths } from "./openapi-paths/tunnel";
import { probesOpenApiPaths } from "./openapi-paths/probes";
import { agentsOpenApiPaths } from "./openapi-paths/agents";
import { consoleOpenApiPaths } from "./openapi-paths/console";
import { routesOpenApiPaths } from "./openapi-paths/routes";
import { checkinOpenApiPaths } from "./openapi-paths/checkin";
import { settingsOpenApiPaths } from "./openapi-paths/settings";
import { stacksOpenApiPaths } from "./openapi-paths/stacks";
import { catalogOpenApiPaths } from "./openapi-paths/catalog";
import { imagesOpenApiPaths } from "./openapi-paths/images";
import { updatesOpenApiPaths } from "./openapi-paths/updates";
import { logsOpenApiPaths } from "./openapi-paths/logs";
import { usersOpenApiPaths } from "./openapi-paths/users";
import { overviewOpenApiPaths } from "./openapi-paths/overview";
import { inventoryOpenApiPaths } from "./openapi-paths/inventory";
import { capacityOpenApiPaths } from "./openapi-paths/capacity";
import { exposureOpenApiPaths } from "./openapi-paths/exposure";
import { gamedaysOpenApiPaths } from "./openapi-paths/gamedays";
import { firewallOpenApiPaths } from "./openapi-paths/firewall";

const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

function crud(tag: string, item: z.ZodType, create: z.ZodType, update: z.ZodType) {
  const listQ = queryParams(PageQuerySchema.extend(ListQuerySchema.shape));
  return {
    collection: {
      get: { tags: [tag], summary: `List ${tag}`, parameters: listQ, responses: { ...ok(pageSchema(item)), ...errors(400, 401, 403) } },
      post: { tags: [tag], summary: `Create a ${tag.slice(0, -1)}`, requestBody: body(create), responses: { ...ok(item, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    item: {
      parameters: [idParam],
      get: { tags: [tag], summary: `Get a ${tag.slice(0, -1)}`, responses: { ...ok(item), ...errors(401, 403, 404) } },
      patch: { tags: [tag], summary: `Change a ${tag.slice(0, -1)}`, requestBody: body(update), responses: { ...ok(item), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
      delete: { tags: [tag], summary: `Delete a ${tag.slice(0, -1)}`, responses: { ...noContent("Deleted"), ...errors(401, 403, 404, 409) } },
    },
  };
}

let cached: Json | undefined;

export function buildOpenApiDocument(): Json {
  if (cached) return cached;
  const services = crud("services", ServiceSchema, ServiceCreateSchema, ServiceUpdateSchema);
  const routes = crud("routes", RouteSchema, RouteCreateSchema, RouteUpdateSchema);
  cached = {
    openapi: "3.1.0",
    info: { title: "Homeport API", version: "1", description: "Inventory and control of a homelab. Authenticate with `Authorization: Bearer <API token>`." },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token created under Settings" } },
      schemas: { Error: output(ErrorSchema) },
    },
    paths: {
      "/services": services.collection,
      "/services/{id}": services.item,
      ...inventoryOpenApiPaths(services),
      "/routes": routes.collection,
      "/routes/{id}": routes.item,
      "/hosts": { get: { tags: ["hosts"], summary: "List hosts in name order, with status, container figures and the lab's counts", parameters: queryParams(HostListQuerySchema), responses: { ...ok(HostListPageSchema), ...errors(400, 401, 403) } } },
      "/audit": { get: { tags: ["audit"], summary: "List audit events, newest first (admin scope)", parameters: queryParams(PageQuerySchema.extend(AuditQuerySchema.shape)), responses: { ...ok(pageSchema(AuditEventSchema)), ...errors(400, 401, 403) } } },
      "/tokens": {
        get: { tags: ["tokens"], summary: "List your API tokens (any role; a token never exceeds its owner's role)", responses: { ...ok(pageSchema(ApiTokenSchema)), ...errors(401, 403) } },
        post: { tags: ["tokens"], summary: "Create an API token within your role's scopes; the secret is in this response only", requestBody: body(CreateApiTokenSchema), responses: { ...ok(z.object({ id: z.string(), token: z.string(), prefix: z.string(), expiresAt: z.string().nullable() }), "201"), ...errors(400, 401, 403, 413, 415, 422) } },
      },
      "/tokens/{id}": { parameters: [idParam], delete: { tags: ["tokens"], summary: "Revoke an API token", responses: { ...noContent("Revoked"), ...errors(401, 403, 404) } } },
      ...dnsOpenApiPaths(),
      ...ingressOpenApiPaths(),
      ...tunnelOpenApiPaths(),
      ...probesOpenApiPaths(),
      ...agentsOpenApiPaths(),
      ...consoleOpenApiPaths(),
      ...routesOpenApiPaths(),
      ...checkinOpenApiPaths(),
      ...settingsOpenApiPaths(),
      ...stacksOpenApiPaths(),
      ...catalogOpenApiPaths(),
      ...imagesOpenApiPaths(),
      ...updatesOpenApiPaths(),
      ...logsOpenApiPaths(),
      ...usersOpenApiPaths(),
      ...overviewOpenApiPaths(),
      ...capacityOpenApiPaths(),
      ...exposureOpenApiPaths(),
      ...gamedaysOpenApiPaths(),
      ...firewallOpenApiPaths(),
    },
  };
  return cached;
}
