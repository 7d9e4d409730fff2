// POST /api/v1/checkin/seen {seenAt} — records the user's check-in (a view marker, like a
// session's last use: not an audited change).
import { route, json, parseBody } from "@/lib/api";
import { markCheckedIn, SeenBodySchema } from "@/lib/checkin";

export const POST = route("read", async ({ req, db, actor }) => {
  const { seenAt } = await parseBody(req, SeenBodySchema);
  return json(await markCheckedIn(db, actor.userId, new Date(seenAt)));
});
