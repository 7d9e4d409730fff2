import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createZone, listZones, ZoneCreateSchema } from "@/lib/dns";

export const GET = route("read", async ({ db }) => json({ items: await listZones(db), nextCursor: null }));

// admin: a zone's target decides where its names point (the whole zone's traffic).
export const POST = route("admin", async ({ req, db, actor, meta }) =>
  json(await createZone(db, await parseBody(req, ZoneCreateSchema), actorForAudit(actor), meta), 201),
);
