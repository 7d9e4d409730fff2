// GET /api/v1/hosts/:id/status — online, or unknown with the last time the agent was seen.
import { route, json, parseParam } from "@/lib/api";
import { getHostStatusOrThrow } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json(await getHostStatusOrThrow(db, parseParam(params.id, IdParamSchema, "Host"))));
