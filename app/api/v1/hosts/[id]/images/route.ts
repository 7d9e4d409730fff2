// GET /api/v1/hosts/:id/images — each image the host's services and stacks need, present or missing, and who uses it.
import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory";
import { hostImagePresence } from "@/lib/images";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json(await hostImagePresence(db, parseParam(params.id, IdParamSchema, "Host"))));
