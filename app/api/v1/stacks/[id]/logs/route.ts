// GET /api/v1/stacks/:id/logs?tail=&q=&service= — recent log lines of the stack's services (or one), filtered.
import { route, json, parseParam, parseQuery } from "@/lib/api";
import { stackLogs, StackIdSchema, StackLogsQuerySchema } from "@/lib/stacks";

export const GET = route<{ id: string }>("read", async ({ req, db, params }) =>
  json(await stackLogs(db, parseParam(params.id, StackIdSchema, "Stack"), parseQuery(req, StackLogsQuerySchema))));
