// OpenAPI paths of /api/v1/tunnel, from the same zod schemas the handlers parse. The document in
// lib/api/openapi.ts spreads `tunnelOpenApiPaths()` into its `paths`.
import { body, documents, errors, idParam, itemsSchema, noContent, ok, type Json } from "../openapi-helpers";
import {
  PublicDnsRecordSchema, TunnelApplyResultSchema, TunnelCreateSchema, TunnelPlanViewSchema, TunnelRuleStatusSchema, TunnelSchema,
  TunnelUpdateSchema,
} from "@/lib/tunnel/schemas";
import type { TunnelApplyResult, TunnelPlanView } from "@/lib/tunnel/tunnel-service";
import type { PublicDnsRecord } from "@/lib/tunnel/types";

export function tunnelOpenApiPaths(): Json {
  const tags = ["tunnel"];
  return {
    "/tunnel": {
      get: { tags, summary: "List tunnels (credentials are never returned)", responses: { ...ok(itemsSchema(TunnelSchema)), ...errors(401, 403) } },
      post: { tags, summary: "Add a tunnel (admin scope); its credentials are stored encrypted", requestBody: body(TunnelCreateSchema), responses: { ...ok(TunnelSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    "/tunnel/{id}": {
      parameters: [idParam],
      get: { tags, summary: "Get a tunnel", responses: { ...ok(TunnelSchema), ...errors(401, 403, 404) } },
      patch: { tags, summary: "Change a tunnel (admin scope); omitted credentials are kept. Changing mode, apiBaseUrl, accountId or (local mode) hostId needs the credentials again, else 422 naming credentials", requestBody: body(TunnelUpdateSchema), responses: { ...ok(TunnelSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
      delete: { tags, summary: "Delete a tunnel (admin scope; its rules at the provider stay)", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/tunnel/{id}/plan": {
      parameters: [idParam],
      get: { tags, summary: "The tunnel's ingress rules as applying would write them, and what changes; changes nothing", responses: { ...ok(documents<TunnelPlanView>()(TunnelPlanViewSchema)), ...errors(401, 403, 404) } },
    },
    "/tunnel/{id}/apply": {
      parameters: [idParam],
      post: {
        tags,
        summary: "Write the rules through the provider's API (remote mode) or generate cloudflared's config and hand it to the host's agent (local mode); no request body",
        responses: { ...ok(documents<TunnelApplyResult>()(TunnelApplyResultSchema)), ...errors(401, 403, 404) },
      },
    },
    "/tunnel/status": {
      get: { tags, summary: "Per remotely exposed Route, whether each tunnel carries its rule (reads the providers now)", responses: { ...ok(itemsSchema(TunnelRuleStatusSchema)), ...errors(401, 403) } },
    },
    "/tunnel/dns-records": {
      get: { tags, summary: "The public DNS records the tunnels need (Cloudflare: CNAME <tunnel id>.cfargotunnel.com, proxied; self-hosted edge: CNAME <edge DNS name>, not proxied), as desired records for the DNS module", responses: { ...ok(itemsSchema(documents<PublicDnsRecord>()(PublicDnsRecordSchema))), ...errors(401, 403) } },
    },
  };
}
