// POST /api/v1/hosts/:id/firewall/apply — applies a previewed plan (admin): the agent reverts it by
// itself unless Homeport confirms, by a fresh round trip, that it can still reach the agent.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { applyFirewallPlan, FirewallApplyRequestSchema } from "@/lib/firewall";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("admin", async ({ req, db, params, actor, meta }) => {
  const hostId = parseParam(params.id, IdParamSchema, "Host");
  return json(await applyFirewallPlan(db, hostId, await parseBody(req, FirewallApplyRequestSchema), actorForAudit(actor), meta));
});
