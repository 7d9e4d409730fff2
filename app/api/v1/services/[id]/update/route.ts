// POST /api/v1/services/:id/update — applies an image update: the health-gated rollout with a
// forced pull (rolled back on failure); 409 for an image pinned to a digest. 202 with the Deployment.
import { route, json, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { applyServiceUpdate } from "@/lib/images";

export const POST = route<{ id: string }>("write", async ({ db, params, actor, meta }) => {
  const { deployment } = await applyServiceUpdate(db, parseParam(params.id, IdParamSchema, "Service"), actorForAudit(actor), meta);
  return json(deployment, 202);
});
