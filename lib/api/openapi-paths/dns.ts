// OpenAPI paths of /api/v1/dns, from the same zod schemas the handlers parse. The document in
// lib/api/openapi.ts spreads `dnsOpenApiPaths()` into its `paths`.
import { z } from "zod";
import {
  ApplyRequestSchema, ApplyResultSchema, DriftSchema, PlanQuerySchema, ProviderCreateSchema, ProviderSchema,
  ProviderUpdateSchema, ZoneCreateSchema, ZonePlanSchema, ZoneSchema, ZoneUpdateSchema,
} from "@/lib/dns/schemas";
import { body, errors, idParam, noContent, ok, queryParams, unpagedSchema, type Json } from "../openapi-helpers";

export function dnsOpenApiPaths(): Json {
  const tags = ["dns"];
  return {
    "/dns/providers": {
      get: { tags, summary: "List DNS providers (secrets are never returned)", responses: { ...ok(unpagedSchema(ProviderSchema)), ...errors(401, 403) } },
      post: { tags, summary: "Add a DNS provider (admin scope); secrets are stored encrypted", requestBody: body(ProviderCreateSchema), responses: { ...ok(ProviderSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    "/dns/providers/{id}": {
      parameters: [idParam],
      get: { tags, summary: "Get a DNS provider", responses: { ...ok(ProviderSchema), ...errors(401, 403, 404) } },
      patch: { tags, summary: "Change a DNS provider (admin scope); omitted secrets are kept. Changing the server, port or URL needs every stored secret again, else 422 naming the secret field", requestBody: body(ProviderUpdateSchema), responses: { ...ok(ProviderSchema), ...errors(400, 401, 403, 404, 409, 422) } },
      delete: { tags, summary: "Delete a DNS provider and its zones (admin scope; records in the provider stay)", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/dns/providers/{id}/test": {
      parameters: [idParam],
      post: { tags, summary: "Test reachability and credentials against the stored endpoint", responses: { ...ok(z.object({ ok: z.boolean(), message: z.string() })), ...errors(401, 403, 404) } },
    },
    "/dns/zones": {
      get: { tags, summary: "List zones with their last apply and drift status", responses: { ...ok(unpagedSchema(ZoneSchema)), ...errors(401, 403) } },
      post: { tags, summary: "Add a zone (LAN or public) served by a provider (admin scope: its target decides where the names point)", requestBody: body(ZoneCreateSchema), responses: { ...ok(ZoneSchema, "201"), ...errors(400, 401, 403, 409, 422) } },
    },
    "/dns/zones/{id}": {
      parameters: [idParam],
      get: { tags, summary: "Get a zone", responses: { ...ok(ZoneSchema), ...errors(401, 403, 404) } },
      patch: { tags, summary: "Change a zone's target, TTL or auto-apply (admin scope)", requestBody: body(ZoneUpdateSchema), responses: { ...ok(ZoneSchema), ...errors(400, 401, 403, 404, 422) } },
      delete: { tags, summary: "Delete a zone (admin scope; records in the provider stay)", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/dns/plan": {
      get: { tags, summary: "Plan: creates, updates, deletes, clashes and foreign records per zone; changes nothing", parameters: queryParams(PlanQuerySchema), responses: { ...ok(z.object({ zones: z.array(ZonePlanSchema) })), ...errors(400, 401, 403, 404) } },
    },
    "/dns/apply": {
      post: { tags, summary: "Apply the plan; per-record outcomes. 422 (nothing applied) when a desired record is invalid", requestBody: body(ApplyRequestSchema), responses: { ...ok(z.object({ zones: z.array(ApplyResultSchema) })), ...errors(400, 401, 403, 404, 422) } },
    },
    "/dns/drift": {
      get: { tags, summary: "Read zones back: owned records changed or removed by hand", parameters: queryParams(PlanQuerySchema), responses: { ...ok(z.object({ zones: z.array(DriftSchema) })), ...errors(400, 401, 403, 404) } },
    },
  };
}
