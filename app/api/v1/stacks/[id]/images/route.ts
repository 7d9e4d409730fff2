// GET /api/v1/stacks/:id/images — each image the stack needs and whether its host already holds it.
import { route, json, parseParam } from "@/lib/api";
import { StackIdSchema } from "@/lib/stacks";
import { stackImagePresence } from "@/lib/images";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json(await stackImagePresence(db, parseParam(params.id, StackIdSchema, "Stack"))));
