// Reset another user's password (admin only): typed or generated; their sessions end.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { ResetPasswordSchema, resetUserPassword, userAdminActor } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "User");
  return json(await resetUserPassword(db, userAdminActor(actor), id, await parseBody(req, ResetPasswordSchema), meta));
});
