// GET /api/v1/stacks/:id/plan[?version=n] — what applying would do, changing nothing.
import { route, json, parseParam, parseQuery } from "@/lib/api";
import { planStackApply, StackIdSchema, StackVersionQuerySchema } from "@/lib/stacks";

export const GET = route<{ id: string }>("read", async ({ req, db, params }) => {
  const id = parseParam(params.id, StackIdSchema, "Stack");
  return json(await planStackApply(db, id, parseQuery(req, StackVersionQuerySchema).version));
});
