// Turn two-factor off for a user who lost their device (admin only, audited).
import { route, json, parseParam } from "@/lib/api";
import { resetUserTotp, userAdminActor } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";

export const DELETE = route<{ id: string }>("admin", async ({ db, params, actor, meta }) =>
  json(await resetUserTotp(db, userAdminActor(actor), parseParam(params.id, IdParamSchema, "User"), meta)),
);
