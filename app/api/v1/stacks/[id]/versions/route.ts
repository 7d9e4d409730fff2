// GET /api/v1/stacks/:id/versions — every applied file, newest first.
import { route, json, parseParam } from "@/lib/api";
import { listStackVersions, StackIdSchema } from "@/lib/stacks";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json({ items: await listStackVersions(db, parseParam(params.id, StackIdSchema, "Stack")) }));
