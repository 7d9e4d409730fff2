import { route, json } from "@/lib/api";

export const GET = route("read", async ({ db, actor }) => {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { username: true, role: true, totpEnabled: true } });
  const sessions = await db.session.count({ where: { userId: actor.userId } });
  return json({ ...user, via: actor.type, scopes: actor.scopes, activeSessions: sessions });
});
