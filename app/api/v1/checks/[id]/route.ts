import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { CheckUpdateSchema, deleteCheck, getCheckOrThrow, updateCheck } from "@/lib/probes";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getCheckOrThrow(db, parseParam(params.id, IdParamSchema, "Check"))));

export const PATCH = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Check");
  return json(await updateCheck(db, id, await parseBody(req, CheckUpdateSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("write", async ({ db, params, actor, meta }) => {
  await deleteCheck(db, parseParam(params.id, IdParamSchema, "Check"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
