// GET /api/v1/hosts/:id — one host; PATCH {vantage} — where it probes from (LAN or away); DELETE — forget a revoked host.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { HostUpdateSchema, removeHost, updateHost } from "@/lib/agents";
import { getHostOrThrow, IdParamSchema } from "@/lib/inventory";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getHostOrThrow(db, parseParam(params.id, IdParamSchema, "Host"))));

export const PATCH = route<P>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Host");
  const input = await parseBody(req, HostUpdateSchema);
  return json(await updateHost(db, id, input, actorForAudit(actor), meta));
});

export const DELETE = route<P>("admin", async ({ db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Host");
  return json(await removeHost(db, id, actorForAudit(actor), meta));
});
