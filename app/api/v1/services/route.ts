import { route, json, parseBody, parseQuery, PageQuerySchema } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createService, listServices, ListQuerySchema, ServiceCreateSchema } from "@/lib/inventory";

export const GET = route("read", async ({ req, db }) =>
  json(await listServices(db, parseQuery(req, PageQuerySchema.extend(ListQuerySchema.shape)))),
);

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createService(db, await parseBody(req, ServiceCreateSchema), actorForAudit(actor), meta), 201),
);
