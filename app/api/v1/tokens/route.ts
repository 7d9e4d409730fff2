// Your own API tokens: every role may hold tokens, never with more than its role grants (lib/auth/token-admin).
import { route, json, parseBody } from "@/lib/api";
import { actorForAudit, assertMayManageTokens, CreateApiTokenSchema, issueApiToken, listApiTokens } from "@/lib/auth";

export const GET = route("read", async ({ db, actor }) => {
  assertMayManageTokens(actor);
  return json({ items: await listApiTokens(db, actor.userId), nextCursor: null });
});

export const POST = route("read", async ({ req, db, actor, meta }) => {
  assertMayManageTokens(actor);
  return json(await issueApiToken(db, actor.userId, actorForAudit(actor), await parseBody(req, CreateApiTokenSchema), meta), 201);
});
