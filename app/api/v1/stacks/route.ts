// GET /api/v1/stacks — every stack with its services' state; POST — create one from a Compose file.
import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createStack, listStacks, StackCreateSchema, STACK_BODY_BYTES } from "@/lib/stacks";

export const GET = route("read", async ({ db }) => json({ items: await listStacks(db) }));

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createStack(db, await parseBody(req, StackCreateSchema, STACK_BODY_BYTES), actorForAudit(actor), meta), 201),
);
