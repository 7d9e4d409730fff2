// POST /api/v1/services/:id/actions {action: start|stop|restart|remove} — audited.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { ActionRequestSchema, serviceContainerAction } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  const { action } = await parseBody(req, ActionRequestSchema);
  return json(await serviceContainerAction(db, id, action, actorForAudit(actor), meta));
});
