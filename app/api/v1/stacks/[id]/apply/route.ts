// POST /api/v1/stacks/:id/apply — rolls the stack out (or back to { version }); 202 with the
// rollout, whose steps stream on /api/v1/events as stack/rollout events.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { applyStack, StackApplySchema, StackIdSchema } from "@/lib/stacks";

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, StackIdSchema, "Stack");
  const { rollout } = await applyStack(db, id, await parseBody(req, StackApplySchema), actorForAudit(actor), meta);
  return json(rollout, 202);
});
