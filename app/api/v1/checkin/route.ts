// GET /api/v1/checkin — the phone check-in summary for the signed-in user.
import { route, json, parseQuery } from "@/lib/api";
import { checkInSummary, CheckInQuerySchema } from "@/lib/checkin";

export const GET = route("read", async ({ req, db, actor }) => {
  const q = parseQuery(req, CheckInQuerySchema);
  return json(await checkInSummary(db, { id: actor.userId }, new Date(), { since: q.since ? new Date(q.since) : undefined }));
});
