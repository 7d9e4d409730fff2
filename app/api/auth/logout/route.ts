import { route, json, clearSessionCookie } from "@/lib/api";
import { recordAudit } from "@/lib/audit";
import { actorForAudit, revokeSession } from "@/lib/auth";

export const POST = route("read", async ({ db, actor, meta }) => {
  if (actor.type === "user") {
    await revokeSession(db, actor.sessionId);
    await recordAudit(db, { actor: actorForAudit(actor), action: "auth.logout", target: { type: "session", id: actor.sessionId }, meta });
  }
  const res = json({ ok: true });
  res.headers.set("set-cookie", clearSessionCookie(meta.secure));
  return res;
});
