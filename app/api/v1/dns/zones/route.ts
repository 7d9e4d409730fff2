import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createZone, listZones, ZoneCreateSchema } from "@/lib/dns";

export const GET = route("read", async ({ db }) => json({ items: await listZones(db), nextCursor: null }));

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createZone(db, await parseBody(req, ZoneCreateSchema), actorForAudit(actor), meta), 201),
);
