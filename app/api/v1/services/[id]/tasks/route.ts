// GET /api/v1/services/:id/tasks — a Swarm service's tasks per node, live from the manager (read scope).
import { route, json, parseParam } from "@/lib/api";
import { listSwarmTasks } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  return json(await listSwarmTasks(db, id));
});
