// GET /api/v1/hosts/:id/containers — every container the agent last reported (managed first).
import { route, json, parseParam } from "@/lib/api";
import { listHostContainers } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json({ items: await listHostContainers(db, parseParam(params.id, IdParamSchema, "Host")) }));
