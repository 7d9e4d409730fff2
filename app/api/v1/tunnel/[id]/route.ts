import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { deleteTunnel, getTunnelOrThrow, TunnelUpdateSchema, updateTunnel } from "@/lib/tunnel";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getTunnelOrThrow(db, parseParam(params.id, IdParamSchema, "Tunnel"))));

// admin: mode, API address, account, host and origin decide where the credentials and the
// public traffic go; moving them also needs the credentials again (lib/tunnel/tunnel-service.ts).
export const PATCH = route<P>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Tunnel");
  return json(await updateTunnel(db, id, await parseBody(req, TunnelUpdateSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("admin", async ({ db, params, actor, meta }) => {
  await deleteTunnel(db, parseParam(params.id, IdParamSchema, "Tunnel"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
