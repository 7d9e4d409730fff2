import { route, json, parseBody, parseQuery, PageQuerySchema } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { ListQuerySchema } from "@/lib/inventory/schemas";
import { CheckCreateSchema, createCheck, listChecks } from "@/lib/probes";

export const GET = route("read", async ({ req, db }) => json(await listChecks(db, parseQuery(req, PageQuerySchema.extend(ListQuerySchema.shape)))));

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createCheck(db, await parseBody(req, CheckCreateSchema), actorForAudit(actor), meta), 201),
);
