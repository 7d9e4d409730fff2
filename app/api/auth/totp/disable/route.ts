import { route, json, parseBody, ApiError } from "@/lib/api";
import { disableTotp, TotpDisableSchema } from "@/lib/auth";

export const POST = route("read", async ({ req, db, actor, meta }) => {
  if (actor.type !== "user") throw new ApiError("forbidden", "Change two-factor from a signed-in session");
  await disableTotp(db, { id: actor.userId, name: actor.username }, await parseBody(req, TotpDisableSchema), meta);
  return json({ totpEnabled: false });
});
