// GET /api/v1/services/:id/container — the service's container as last observed (or null).
import { route, json, parseParam } from "@/lib/api";
import { serviceContainer } from "@/lib/agents";
import { getServiceOrThrow, IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) =>
  json({ container: await serviceContainer(db, await getServiceOrThrow(db, parseParam(params.id, IdParamSchema, "Service"))) }));
