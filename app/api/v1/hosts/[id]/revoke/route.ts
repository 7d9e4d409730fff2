// POST /api/v1/hosts/:id/revoke {reason?} — the agent's identity stops working and its
// connection is cut at once.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { revokeHost, RevokeRequestSchema } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Host");
  const { reason } = await parseBody(req, RevokeRequestSchema);
  return json(await revokeHost(db, id, actorForAudit(actor), meta, reason));
});
