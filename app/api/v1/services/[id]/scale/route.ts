// POST /api/v1/services/:id/scale {replicas} — scales a deployed Swarm service (write scope); its
// tasks converge on their own and stream on /api/v1/events (swarm/tasks).
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { scaleSwarmService } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";
import { ScaleInputSchema } from "@/lib/protocol";

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  const { replicas } = await parseBody(req, ScaleInputSchema);
  return json(await scaleSwarmService(db, id, replicas, actorForAudit(actor), meta));
});
