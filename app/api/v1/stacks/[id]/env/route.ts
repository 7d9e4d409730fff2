// GET /api/v1/stacks/:id/env — the stack's .env text; admins only (it holds secrets).
import { route, json, parseParam } from "@/lib/api";
import { readStackEnv, StackIdSchema } from "@/lib/stacks";

export const GET = route<{ id: string }>("admin", async ({ db, params }) => json(await readStackEnv(db, parseParam(params.id, StackIdSchema, "Stack"))));
