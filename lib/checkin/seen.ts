// Recording a check-in: the user has looked at the summary generated at `seenAt`. The stored time
// only moves forward and never past now, so a late or replayed request cannot hide newer changes.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";

export async function markCheckedIn(db: Db, userId: string, seenAt: Date, now: Date = new Date()): Promise<{ lastCheckInAt: string; previous: string | null }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { lastCheckInAt: true } });
  if (!user) throw notFound("User");
  const previous = user.lastCheckInAt;
  const at = new Date(Math.min(seenAt.getTime(), now.getTime()));
  if (previous && previous.getTime() >= at.getTime()) return { lastCheckInAt: previous.toISOString(), previous: previous.toISOString() };
  await db.user.update({ where: { id: userId }, data: { lastCheckInAt: at } });
  return { lastCheckInAt: at.toISOString(), previous: previous?.toISOString() ?? null };
}
