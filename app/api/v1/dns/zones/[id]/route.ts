import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { deleteZone, getZoneRowOrThrow, toZoneView, updateZone, ZoneUpdateSchema } from "@/lib/dns";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(toZoneView(await getZoneRowOrThrow(db, parseParam(params.id, IdParamSchema, "DNS zone")))));

// admin: changing the target points every name of the zone somewhere else.
export const PATCH = route<P>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "DNS zone");
  return json(await updateZone(db, id, await parseBody(req, ZoneUpdateSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("admin", async ({ db, params, actor, meta }) => {
  await deleteZone(db, parseParam(params.id, IdParamSchema, "DNS zone"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
