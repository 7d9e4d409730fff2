// OpenAPI paths of exposure reports (/exposure/scans, /exposure/reports…), from the same zod
// schemas the handlers use; spread into lib/api/openapi.ts.
import { body, errors, idParam, ok, queryParams, type Json } from "../openapi-helpers";
import {
  ExposureReportPageSchema,
  ExposureReportViewSchema,
  ReportListQuerySchema,
  ScanRequestSchema,
  ScanStartedSchema,
} from "@/lib/exposure/schemas";

export function exposureOpenApiPaths(): Json {
  const tags = ["exposure"];
  return {
    "/exposure/scans": {
      post: {
        tags,
        summary: "Start an exposure scan: every online vantage point's agent TCP-scans the managed hosts' addresses (default: the top 1,000 TCP ports, admin ports and every published port; rate-limited), and every agent reports its containers' posture. 202 with the report's id; 409 while a scan runs or when no agent is online; 403 when a chosen vantage point's owner turned scans off (--deny-scan); 404 for an unknown vantage host",
        requestBody: body(ScanRequestSchema),
        responses: { ...ok(ScanStartedSchema, "202"), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    "/exposure/reports": {
      get: { tags, summary: "The history of exposure reports, newest first (the last 100 are kept)", parameters: queryParams(ReportListQuerySchema), responses: { ...ok(ExposureReportPageSchema), ...errors(400, 401, 403) } },
    },
    "/exposure/reports/latest": {
      get: { tags, summary: "The newest exposure report (running, done or failed): score, ranked findings with their fix, per-vantage scans, the diff against the previous report; 404 before the first scan", responses: { ...ok(ExposureReportViewSchema), ...errors(401, 403, 404) } },
    },
    "/exposure/reports/{id}": {
      parameters: [idParam],
      get: { tags, summary: "One exposure report", responses: { ...ok(ExposureReportViewSchema), ...errors(401, 403, 404) } },
    },
  };
}
