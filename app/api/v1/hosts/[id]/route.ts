// GET /api/v1/hosts/:id — one host; PATCH {vantage} — where it probes from (LAN or away).
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { HostUpdateSchema, updateHost } from "@/lib/agents";
import { getHostOrThrow, IdParamSchema } from "@/lib/inventory";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getHostOrThrow(db, parseParam(params.id, IdParamSchema, "Host"))));

export const PATCH = route<P>("admin", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Host");
  const input = await parseBody(req, HostUpdateSchema);
  return json(await updateHost(db, id, input, actorForAudit(actor), meta));
});
