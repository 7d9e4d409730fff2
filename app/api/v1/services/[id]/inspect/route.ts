// GET /api/v1/services/:id/inspect — the container's inspect data; env values for admins only, secrets masked for all.
import { route, json, parseParam } from "@/lib/api";
import { inspectServiceContainer } from "@/lib/agents/container-inspect";
import { scopeCovers } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params, actor }) =>
  json(await inspectServiceContainer(db, parseParam(params.id, IdParamSchema, "Service"), scopeCovers(actor.scopes, "admin"))));
