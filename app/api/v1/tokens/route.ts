import { route, json, parseBody } from "@/lib/api";
import { actorForAudit, CreateApiTokenSchema, issueApiToken, listApiTokens } from "@/lib/auth";

export const GET = route("admin", async ({ db, actor }) => json({ items: await listApiTokens(db, actor.userId), nextCursor: null }));

export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await issueApiToken(db, actor.userId, actorForAudit(actor), await parseBody(req, CreateApiTokenSchema), meta), 201),
);
