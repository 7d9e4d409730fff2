// POST /api/v1/stacks/:id/update — applies the stack's image updates: its services with an update,
// one after the other, each through the health-gated rollout with a forced pull. 202.
import { route, json, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { StackIdSchema } from "@/lib/stacks";
import { applyStackUpdate } from "@/lib/images";

export const POST = route<{ id: string }>("write", async ({ db, params, actor, meta }) => {
  const { stackId, serviceIds } = await applyStackUpdate(db, parseParam(params.id, StackIdSchema, "Stack"), actorForAudit(actor), meta);
  return json({ stackId, serviceIds }, 202);
});
