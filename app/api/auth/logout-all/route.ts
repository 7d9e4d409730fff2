import { route, json, clearSessionCookie } from "@/lib/api";
import { recordAudit } from "@/lib/audit";
import { actorForAudit, revokeAllSessions } from "@/lib/auth";

export const POST = route("read", async ({ db, actor, meta }) => {
  const ended = await revokeAllSessions(db, actor.userId);
  await recordAudit(db, { actor: actorForAudit(actor), action: "auth.logout_all", target: { type: "user", id: actor.userId }, details: { sessions: ended }, meta });
  const res = json({ ended });
  res.headers.set("set-cookie", clearSessionCookie(meta.secure));
  return res;
});
