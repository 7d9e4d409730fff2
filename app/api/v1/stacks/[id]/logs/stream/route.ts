// GET /api/v1/stacks/:id/logs/stream?service=&follow=&tail=&since=&until=&format= — every service's
// containers' logs (or one service's) as NDJSON chunks tagged by service, streamed while following.
import { route, parseParam, parseQuery } from "@/lib/api";
import { LogStreamQuerySchema, logStreamResponse } from "@/lib/agents";
import { stackLogTargets, StackIdSchema } from "@/lib/stacks";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>("read", async ({ req, db, params, actor }) => {
  const query = parseQuery(req, LogStreamQuerySchema);
  const { name, targets, missing } = await stackLogTargets(db, parseParam(params.id, StackIdSchema, "Stack"), query.service);
  return logStreamResponse({ db, actor, targets, missing, query, signal: req.signal, filename: `${name}${query.service ? `-${query.service}` : ""}-logs-${new Date().toISOString().slice(0, 19)}.txt` });
});
