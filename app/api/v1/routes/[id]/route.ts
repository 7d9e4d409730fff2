import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { deleteRoute, getRouteOrThrow, RouteUpdateSchema, updateRoute } from "@/lib/routes";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getRouteOrThrow(db, parseParam(params.id, IdParamSchema, "Route"))));

export const PATCH = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Route");
  return json(await updateRoute(db, id, await parseBody(req, RouteUpdateSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("write", async ({ db, params, actor, meta }) => {
  await deleteRoute(db, parseParam(params.id, IdParamSchema, "Route"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
