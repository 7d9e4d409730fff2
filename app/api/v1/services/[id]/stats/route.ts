// GET /api/v1/services/:id/stats — recent CPU/memory samples of the service's container.
import { route, json, parseParam } from "@/lib/api";
import { serviceStats } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json(await serviceStats(db, parseParam(params.id, IdParamSchema, "Service"))));
