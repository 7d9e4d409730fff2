// GET / POST /api/v1/services/:id/swarm — whether the service runs as a container or as a Swarm
// service (replicas, placement constraints, rolling update settings); applied on the next deploy.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { getSwarmPlacement, setSwarmPlacement } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";
import { SwarmPlacementInputSchema } from "@/lib/protocol";

export const GET = route<{ id: string }>("read", async ({ db, params }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  return json(await getSwarmPlacement(db, id));
});

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  const input = await parseBody(req, SwarmPlacementInputSchema);
  return json(await setSwarmPlacement(db, id, input, actorForAudit(actor), meta));
});
