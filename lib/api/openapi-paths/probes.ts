// OpenAPI paths of the reachability API (/api/v1/checks, /notifications, /vantages), from the same
// zod schemas the handlers parse. The document in lib/api/openapi.ts spreads
// `probesOpenApiPaths()` into its `paths`.
import { z } from "zod";
import { PageQuerySchema, type Page } from "../pagination";
import { body, documents, errors, idParam, itemsSchema, noContent, ok, pageSchema, queryParams, type Json } from "../openapi-helpers";
import { ListQuerySchema } from "@/lib/inventory/schemas";
import { checkOpsOpenApiPaths } from "./check-ops";
import { pushOpenApiPaths } from "./push";
import { egressProofOpenApiPaths } from "./egress-proof";
import { VantageResultSchema } from "@/lib/probes/engine/schemas";
import type { IngestSummary } from "@/lib/probes/ingest";
import type { LatencyChart, Matrix, UptimeWindow } from "@/lib/probes/queries";
import { HeartbeatsQuerySchema, HeartbeatsSchema } from "@/lib/probes";
import {
  ChannelCreateSchema, ChannelSchema, ChannelUpdateSchema, CheckBulkCreateSchema, CheckFilterQuerySchema, CheckCreateSchema, CheckHistorySchema, CheckSchema,
  ChecksCreatedSchema, CheckStatsSchema, CheckUpdateSchema, DeliverySchema, HistoryQuerySchema, IncidentSchema, IngestSummarySchema,
  MatrixSchema, MAX_BULK_CHECKS, UptimeWindowSchema, VantageSchema, VantageUpsertSchema, type IncidentView, type ResultView,
} from "@/lib/probes/schemas";

// The query and body schemas below are declared inside their route files (which may export only
// handlers); they are restated here field for field:
// app/api/v1/checks/[id]/stats, app/api/v1/checks/incidents, app/api/v1/vantages/[id]/results.
const StatsQuerySchema = z.object({ window: UptimeWindowSchema.default("24h") });
const IncidentsQuerySchema = PageQuerySchema.extend({
  checkId: z.string().max(64).optional(),
  open: z.enum(["1", "0", "true", "false"]).optional().describe("1/true: only open incidents"),
});
const ResultsBodySchema = z.object({ results: z.array(VantageResultSchema).min(1).max(5_000) });

export function probesOpenApiPaths(): Json {
  const checks = ["checks"], notifications = ["notifications"], vantages = ["vantages"];
  const listQuery = queryParams(PageQuerySchema.extend(ListQuerySchema.shape));
  return {
    ...checkOpsOpenApiPaths(),
    ...pushOpenApiPaths(),
    ...egressProofOpenApiPaths(),
    "/checks": {
      get: { tags: checks, summary: "List checks, optionally of one tag or group", parameters: queryParams(PageQuerySchema.extend(CheckFilterQuerySchema.shape)), responses: { ...ok(pageSchema(CheckSchema)), ...errors(400, 401, 403) } },
      post: { tags: checks, summary: "Create a check", requestBody: body(CheckCreateSchema), responses: { ...ok(CheckSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    "/checks/bulk": {
      post: {
        tags: checks,
        summary: `Create up to ${MAX_BULK_CHECKS} checks in one transaction (one audit row); bodies up to 4 MiB`,
        requestBody: body(CheckBulkCreateSchema),
        responses: { ...ok(ChecksCreatedSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    "/checks/matrix": {
      get: { tags: checks, summary: "Checks by vantage point: each check's status and one cell per vantage column", parameters: listQuery, responses: { ...ok(documents<Matrix>()(MatrixSchema)), ...errors(400, 401, 403) } },
    },
    "/checks/heartbeats": {
      get: { tags: checks, summary: "Heartbeat bars: the latest results per vantage point and the uptime (24 h / 7 d / 30 d) of several checks or of one route's checks", parameters: queryParams(HeartbeatsQuerySchema), responses: { ...ok(HeartbeatsSchema), ...errors(400, 401, 403) } },
    },
    "/checks/incidents": {
      get: { tags: checks, summary: "Incidents, newest first, optionally of one check or only open ones", parameters: queryParams(IncidentsQuerySchema), responses: { ...ok(documents<Page<IncidentView>>()(pageSchema(IncidentSchema))), ...errors(400, 401, 403) } },
    },
    "/checks/{id}": {
      parameters: [idParam],
      get: { tags: checks, summary: "Get a check", responses: { ...ok(CheckSchema), ...errors(401, 403, 404) } },
      patch: { tags: checks, summary: "Change a check's settings, or its type and target together", requestBody: body(CheckUpdateSchema), responses: { ...ok(CheckSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
      delete: { tags: checks, summary: "Delete a check and its results", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/checks/{id}/results": {
      parameters: [idParam],
      get: { tags: checks, summary: "A check's results, newest first", parameters: queryParams(HistoryQuerySchema), responses: { ...ok(documents<{ items: ResultView[]; nextCursor: number | null }>()(CheckHistorySchema)), ...errors(400, 401, 403, 404) } },
    },
    "/checks/{id}/stats": {
      parameters: [idParam],
      get: {
        tags: checks,
        summary: "Uptime per vantage point (24 h / 7 d / 30 d) and the latency chart of one window: its series, bucket width (finer for a young check) and newest failure",
        parameters: queryParams(StatsQuerySchema),
        responses: { ...ok(documents<{ uptime: Record<string, Record<UptimeWindow, number | null>> } & LatencyChart>()(CheckStatsSchema.extend({
          bucketMs: z.number().int().describe("Width of each point's bucket, ms"),
          lastFailure: z.object({ at: z.string(), errorClass: z.string().nullable(), message: z.string().nullable() }).nullable().describe("The newest failed probe in the window"),
        }))), ...errors(400, 401, 403, 404) },
      },
    },
    "/notifications": {
      get: { tags: notifications, summary: "List notification channels (secrets are never returned)", responses: { ...ok(itemsSchema(ChannelSchema)), ...errors(401, 403) } },
      post: { tags: notifications, summary: "Add a notification channel (admin scope); its secret is stored encrypted", requestBody: body(ChannelCreateSchema), responses: { ...ok(ChannelSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) } },
    },
    "/notifications/{id}": {
      parameters: [idParam],
      get: { tags: notifications, summary: "Get a notification channel", responses: { ...ok(ChannelSchema), ...errors(401, 403, 404) } },
      patch: { tags: notifications, summary: "Change a notification channel (admin scope); an omitted secret is kept, null clears it. Changing the URL (email: host, port, TLS) of a channel with a secret needs the secret again, else 422 naming secret", requestBody: body(ChannelUpdateSchema), responses: { ...ok(ChannelSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
      delete: { tags: notifications, summary: "Delete a notification channel (admin scope)", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/notifications/{id}/test": {
      parameters: [idParam],
      post: { tags: notifications, summary: "Send one test message now to the stored destination; no request body. Answers the delivery and its status", responses: { ...ok(DeliverySchema), ...errors(401, 403, 404) } },
    },
    "/notifications/{id}/deliveries": {
      parameters: [idParam],
      get: { tags: notifications, summary: "The channel's recent deliveries", responses: { ...ok(itemsSchema(DeliverySchema)), ...errors(401, 403, 404) } },
    },
    "/vantages": {
      get: { tags: vantages, summary: "List vantage points", responses: { ...ok(itemsSchema(VantageSchema)), ...errors(401, 403) } },
      post: { tags: vantages, summary: "Add or rename a vantage point (admin scope; the agent hub does this for agents)", requestBody: body(VantageUpsertSchema), responses: { ...ok(VantageSchema, "201"), ...errors(400, 401, 403, 413, 415, 422) } },
    },
    "/vantages/{id}": {
      parameters: [idParam],
      get: { tags: vantages, summary: "Get a vantage point", responses: { ...ok(VantageSchema), ...errors(401, 403, 404) } },
      delete: { tags: vantages, summary: "Delete a vantage point and its cells (admin scope; the control plane's is only disabled)", responses: { ...noContent("Deleted"), ...errors(401, 403, 404) } },
    },
    "/vantages/{id}/results": {
      parameters: [idParam],
      post: {
        tags: vantages,
        summary: "Results reported by a vantage point over HTTP (scripts, the probe CLI); bodies up to 4 MiB",
        requestBody: body(ResultsBodySchema),
        responses: { ...ok(documents<IngestSummary>()(IngestSummarySchema)), ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
  };
}
