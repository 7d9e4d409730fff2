// POST /api/v1/hosts/:id/containers/:containerId/remove — removes an orphaned managed container (its service was deleted).
import { z } from "zod";
import { route, json, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { removeOrphanContainer } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

const ContainerIdSchema = z.string().regex(/^[a-f0-9]{12,64}$/);

export const POST = route<{ id: string; containerId: string }>("write", async ({ db, params, actor, meta }) => {
  const hostId = parseParam(params.id, IdParamSchema, "Host");
  const containerId = parseParam(params.containerId, ContainerIdSchema, "Container");
  await removeOrphanContainer(db, hostId, containerId, actorForAudit(actor), meta);
  return json({ removed: containerId });
});
