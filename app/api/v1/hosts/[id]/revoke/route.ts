// POST /api/v1/hosts/:id/revoke — the agent's identity stops working and its connection is cut.
import { route, json, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { revokeHost } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("admin", async ({ db, params, actor, meta }) =>
  json(await revokeHost(db, parseParam(params.id, IdParamSchema, "Host"), actorForAudit(actor), meta)));
