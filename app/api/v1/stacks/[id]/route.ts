// GET/PATCH/DELETE /api/v1/stacks/:id — read, edit the file (not applied until /apply), remove
// (containers, services, networks; named volumes only with ?volumes=true).
import { route, json, parseBody, parseParam, parseQuery } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { getStackOrThrow, removeStack, StackIdSchema, StackRemoveQuerySchema, StackUpdateSchema, updateStack, STACK_BODY_BYTES } from "@/lib/stacks";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getStackOrThrow(db, parseParam(params.id, StackIdSchema, "Stack"))));

export const PATCH = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, StackIdSchema, "Stack");
  return json(await updateStack(db, id, await parseBody(req, StackUpdateSchema, STACK_BODY_BYTES), actorForAudit(actor), meta));
});

export const DELETE = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, StackIdSchema, "Stack");
  const { volumes } = parseQuery(req, StackRemoveQuerySchema);
  return json(await removeStack(db, id, { volumes }, actorForAudit(actor), meta));
});
