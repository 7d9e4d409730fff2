import { route, parseParam } from "@/lib/api";
import { actorForAudit, assertMayManageTokens, revokeApiToken } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";

export const DELETE = route<{ id: string }>("read", async ({ db, params, actor, meta }) => {
  assertMayManageTokens(actor);
  await revokeApiToken(db, actor.userId, parseParam(params.id, IdParamSchema, "API token"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
