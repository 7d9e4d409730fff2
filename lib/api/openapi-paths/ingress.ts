// OpenAPI paths of /api/v1/ingress, from the same zod schemas the handlers parse. The document in
// lib/api/openapi.ts spreads `ingressOpenApiPaths()` into its `paths`.
import { body, errors, idParam, noContent, ok, queryParams, type Json } from "../openapi-helpers";
import {
  IngressApplyResultSchema, IngressOverviewSchema, IngressPlanViewSchema, IngressSettingsInputSchema, IngressSettingsSchema,
  ProxyTlsInputSchema, RootCaQuerySchema,
} from "@/lib/ingress/schemas";

export function ingressOpenApiPaths(): Json {
  const tags = ["ingress"];
  const setTls = (summary: string) => ({ tags, summary, requestBody: body(ProxyTlsInputSchema), responses: { ...noContent("Saved; apply to send it to Caddy"), ...errors(400, 401, 403, 404, 413, 415, 422) } });
  return {
    "/ingress": {
      get: { tags, summary: "The reverse proxy's settings and each Route's entry with its last recorded status", responses: { ...ok(IngressOverviewSchema), ...errors(401, 403) } },
    },
    "/ingress/status": {
      get: { tags, summary: "Check Caddy and every entry now (admin API, and a request through Caddy per hostname)", responses: { ...ok(IngressOverviewSchema), ...errors(401, 403) } },
    },
    "/ingress/plan": {
      get: { tags, summary: "What applying would change in Caddy now; changes nothing (no request bodies: they can hold private keys)", responses: { ...ok(IngressPlanViewSchema), ...errors(401, 403) } },
    },
    "/ingress/apply": {
      post: { tags, summary: "Apply the plan through targeted Caddy admin API calls to the stored admin address; no request body. Answers what was applied and, if Caddy refused a change, which one and why", responses: { ...ok(IngressApplyResultSchema), ...errors(401, 403) } },
    },
    "/ingress/settings": {
      get: { tags, summary: "The reverse proxy's settings", responses: { ...ok(IngressSettingsSchema), ...errors(401, 403) } },
      patch: { tags, summary: "Change the reverse proxy's settings (admin scope). Moving adminUrl needs the stored adminAuth again and, while routes use their own certificate, confirmMoveKeys: true (their private keys go to the new address on the next apply); else 422 naming the field", requestBody: body(IngressSettingsInputSchema), responses: { ...ok(IngressSettingsSchema), ...errors(400, 401, 403, 413, 415, 422) } },
    },
    "/ingress/routes/{id}/tls": {
      parameters: [idParam],
      put: setTls("Choose Caddy's internal CA or a user-supplied certificate for a Route's entry; the private key is sealed at rest and never returned"),
      patch: setTls("Same as PUT, for clients without PUT"),
    },
    "/ingress/root-ca": {
      get: {
        tags,
        summary: "The root certificate of Caddy's internal CA, for devices to trust: PEM by default, DER with ?format=der",
        parameters: queryParams(RootCaQuerySchema),
        responses: {
          "200": {
            description: "The certificate, as an attachment",
            content: { "application/x-pem-file": { schema: { type: "string" } }, "application/x-x509-ca-cert": {} },
          },
          ...errors(400, 401, 403, 404, 503),
        },
      },
    },
  };
}
