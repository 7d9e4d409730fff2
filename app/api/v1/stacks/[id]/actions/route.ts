// POST /api/v1/stacks/:id/actions { action: start|stop|restart, service? } — the whole stack in
// dependency order (stop in reverse), or one of its services.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { stackAction, StackActionSchema, StackIdSchema } from "@/lib/stacks";

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, StackIdSchema, "Stack");
  return json(await stackAction(db, id, await parseBody(req, StackActionSchema), actorForAudit(actor), meta));
});
