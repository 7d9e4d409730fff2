// GET /api/v1/stacks/:id/rollouts — the stack's applies, newest first.
import { route, json, parseParam } from "@/lib/api";
import { listStackRollouts, StackIdSchema } from "@/lib/stacks";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json({ items: await listStackRollouts(db, parseParam(params.id, StackIdSchema, "Stack")) }));
