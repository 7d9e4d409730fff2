// One user (admin only): change the role, or delete the user with their sessions and tokens.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { changeUserRole, deleteUser, UpdateUserSchema, userAdminActor } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";

export const PATCH = route<{ id: string }>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "User");
  const { role } = await parseBody(req, UpdateUserSchema);
  return json(await changeUserRole(db, userAdminActor(actor), id, role, meta));
});

export const DELETE = route<{ id: string }>("admin", async ({ db, params, actor, meta }) => {
  await deleteUser(db, userAdminActor(actor), parseParam(params.id, IdParamSchema, "User"), meta);
  return new Response(null, { status: 204 });
});
