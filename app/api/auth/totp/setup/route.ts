import { route, json, ApiError } from "@/lib/api";
import { beginTotpEnrolment } from "@/lib/auth";

export const POST = route("read", async ({ db, actor }) => {
  if (actor.type !== "user") throw new ApiError("forbidden", "Set up two-factor from a signed-in session");
  return json(await beginTotpEnrolment(db, { id: actor.userId, name: actor.username }));
});
