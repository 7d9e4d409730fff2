// GET/POST /api/v1/status-pages — the public status pages (admin scope: they publish to anyone).
import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createStatusPage, listStatusPages, StatusPageInputSchema } from "@/lib/status-pages";

export const GET = route("read", async ({ db }) => json({ items: await listStatusPages(db) }));

export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await createStatusPage(db, await parseBody(req, StatusPageInputSchema), actorForAudit(actor), meta), 201),
);
