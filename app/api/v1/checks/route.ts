import { route, json, parseBody, parseQuery, PageQuerySchema } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { CheckCreateSchema, CheckFilterQuerySchema, createCheck, listChecks } from "@/lib/probes";

export const GET = route("read", async ({ req, db }) => json(await listChecks(db, parseQuery(req, PageQuerySchema.extend(CheckFilterQuerySchema.shape)))));

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createCheck(db, await parseBody(req, CheckCreateSchema), actorForAudit(actor), meta), 201),
);
