import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { deleteProvider, getProviderRowOrThrow, ProviderUpdateSchema, toProviderView, updateProvider } from "@/lib/dns";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(toProviderView(await getProviderRowOrThrow(db, parseParam(params.id, IdParamSchema, "DNS provider")))));

export const PATCH = route<P>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "DNS provider");
  return json(await updateProvider(db, id, await parseBody(req, ProviderUpdateSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("admin", async ({ db, params, actor, meta }) => {
  await deleteProvider(db, parseParam(params.id, IdParamSchema, "DNS provider"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
