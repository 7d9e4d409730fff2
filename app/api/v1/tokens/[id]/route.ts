import { route, parseParam } from "@/lib/api";
import { actorForAudit, revokeApiToken } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";

export const DELETE = route<{ id: string }>("admin", async ({ db, params, actor, meta }) => {
  await revokeApiToken(db, actor.userId, parseParam(params.id, IdParamSchema, "API token"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
