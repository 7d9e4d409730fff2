// GET /api/v1/services/:id/container — the service's container as last observed (or null) and, when
// its agent is online, how often the engine restarted it.
import { route, json, parseParam } from "@/lib/api";
import { serviceContainerDetails } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json(await serviceContainerDetails(db, parseParam(params.id, IdParamSchema, "Service"))));
