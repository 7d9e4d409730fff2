import { route, json, parseBody, parseParam, parseQuery } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { deleteServiceWithContainer, ServiceDeleteQuerySchema } from "@/lib/agents";
import { getServiceOrThrow, IdParamSchema, ServiceUpdateSchema, updateService } from "@/lib/inventory";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getServiceOrThrow(db, parseParam(params.id, IdParamSchema, "Service"))));

export const PATCH = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  return json(await updateService(db, id, await parseBody(req, ServiceUpdateSchema), actorForAudit(actor), meta));
});

/** ?container=false keeps the container; ?volumes=true removes its named volumes too. 200 with what was removed and what was left. */
export const DELETE = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  return json(await deleteServiceWithContainer(db, id, parseQuery(req, ServiceDeleteQuerySchema), actorForAudit(actor), meta));
});
