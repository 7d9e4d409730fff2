import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { ChannelUpdateSchema, deleteChannel, getChannelOrThrow, updateChannel } from "@/lib/probes";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getChannelOrThrow(db, parseParam(params.id, IdParamSchema, "Notification channel"))));

export const PATCH = route<P>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Notification channel");
  return json(await updateChannel(db, id, await parseBody(req, ChannelUpdateSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("admin", async ({ db, params, actor, meta }) => {
  await deleteChannel(db, parseParam(params.id, IdParamSchema, "Notification channel"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
