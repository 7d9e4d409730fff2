import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { deleteService, getServiceOrThrow, IdParamSchema, ServiceUpdateSchema, updateService } from "@/lib/inventory";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getServiceOrThrow(db, parseParam(params.id, IdParamSchema, "Service"))));

export const PATCH = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  return json(await updateService(db, id, await parseBody(req, ServiceUpdateSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("write", async ({ db, params, actor, meta }) => {
  await deleteService(db, parseParam(params.id, IdParamSchema, "Service"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
