import { route, json, parseBody, ApiError } from "@/lib/api";
import { confirmTotpEnrolment, TotpEnableSchema } from "@/lib/auth";

export const POST = route("read", async ({ req, db, actor, meta }) => {
  if (actor.type !== "user") throw new ApiError("forbidden", "Set up two-factor from a signed-in session");
  const { code } = await parseBody(req, TotpEnableSchema);
  await confirmTotpEnrolment(db, { id: actor.userId, name: actor.username }, code, meta);
  return json({ totpEnabled: true });
});
