// GET/PATCH/DELETE /api/v1/status-pages/:id — one status page (changes need the admin scope).
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { deleteStatusPage, getStatusPageOrThrow, StatusPageInputSchema, updateStatusPage } from "@/lib/status-pages";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getStatusPageOrThrow(db, parseParam(params.id, IdParamSchema, "Status page"))));

export const PATCH = route<P>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Status page");
  return json(await updateStatusPage(db, id, await parseBody(req, StatusPageInputSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("admin", async ({ db, params, actor, meta }) => {
  await deleteStatusPage(db, parseParam(params.id, IdParamSchema, "Status page"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
