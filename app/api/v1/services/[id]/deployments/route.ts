// GET /api/v1/services/:id/deployments — the latest rollouts of a service, newest first.
import { route, json, parseParam } from "@/lib/api";
import { listDeployments } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json({ items: await listDeployments(db, parseParam(params.id, IdParamSchema, "Service")) }));
