// GET /api/v1/services/:id/logs?tail=&q= — the container's recent log lines, optionally filtered.
import { route, json, parseParam, parseQuery } from "@/lib/api";
import { LogsQuerySchema, serviceLogs } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ req, db, params }) =>
  json(await serviceLogs(db, parseParam(params.id, IdParamSchema, "Service"), parseQuery(req, LogsQuerySchema))));
