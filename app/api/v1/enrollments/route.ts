// GET pending enrollment tokens (never the tokens themselves); POST creates one, shown once.
import { route, json, parseBody, publicOrigin } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createEnrollmentToken, EnrollmentCreateSchema, listEnrollmentTokens } from "@/lib/agents";

export const GET = route("admin", async ({ db }) => json({ items: await listEnrollmentTokens(db) }));

export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await createEnrollmentToken(db, await parseBody(req, EnrollmentCreateSchema), publicOrigin(req), actorForAudit(actor), meta), 201));
