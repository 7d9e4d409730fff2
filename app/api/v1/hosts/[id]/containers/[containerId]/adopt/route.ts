// POST /api/v1/hosts/:id/containers/:containerId/adopt — records an unmanaged container as a Service.
import { z } from "zod";
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { AdoptRequestSchema, adoptContainer } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

const ContainerIdSchema = z.string().regex(/^[a-f0-9]{12,64}$/);

export const POST = route<{ id: string; containerId: string }>("write", async ({ req, db, params, actor, meta }) => {
  const hostId = parseParam(params.id, IdParamSchema, "Host");
  const containerId = parseParam(params.containerId, ContainerIdSchema, "Container");
  const { name } = await parseBody(req, AdoptRequestSchema);
  return json(await adoptContainer(db, hostId, containerId, name, actorForAudit(actor), meta), 201);
});
