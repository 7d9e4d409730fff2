// POST /api/v1/services/:id/deploy — starts a rollout (the service should run again: desired state
// running); 202 with the Deployment, whose log and outcome stream on /api/v1/events.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { deployRequested, DeployRequestSchema } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  const { pull } = await parseBody(req, DeployRequestSchema);
  const { deployment } = await deployRequested(db, id, { pull }, actorForAudit(actor), meta);
  return json(deployment, 202);
});
