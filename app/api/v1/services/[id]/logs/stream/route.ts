// GET /api/v1/services/:id/logs/stream?follow=&tail=&since=&until=&format= — the service's containers'
// logs (rollout temps included) as NDJSON chunks, streamed while following; format=text downloads
// the range. Needs "read": a viewer may read logs (they show what the lab does, never a secret Homeport holds).
import { route, parseParam, parseQuery } from "@/lib/api";
import { LogStreamQuerySchema, logStreamResponse, serviceLogTargets } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>("read", async ({ req, db, params, actor }) => {
  const query = parseQuery(req, LogStreamQuerySchema);
  const { name, targets } = await serviceLogTargets(db, parseParam(params.id, IdParamSchema, "Service"));
  const missing = targets.length === 0 ? [{ label: name, reason: `Service "${name}" has no container yet; deploy it first` }] : [];
  return logStreamResponse({ db, actor, targets, missing, query, signal: req.signal, filename: `${name}-logs-${new Date().toISOString().slice(0, 19)}.txt` });
});
