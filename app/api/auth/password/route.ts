import { route, json, parseBody, sessionCookie, ApiError } from "@/lib/api";
import { ChangePasswordSchema, changePassword } from "@/lib/auth";

export const POST = route("read", async ({ req, db, actor, meta }) => {
  if (actor.type !== "user") throw new ApiError("forbidden", "Change passwords from a signed-in session");
  const { token, session } = await changePassword(db, { id: actor.userId, name: actor.username }, await parseBody(req, ChangePasswordSchema), meta);
  return json({ ok: true }, 200, { "set-cookie": sessionCookie(token, (session.expiresAt.getTime() - Date.now()) / 1000, meta.secure) });
});
