import { route, json, parseBody, parseQuery, PageQuerySchema } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { listServicePage } from "@/lib/pages/service-list";
import { createService, ServiceCreateSchema, ServiceListQuerySchema } from "@/lib/inventory";

export const GET = route("read", async ({ req, db }) =>
  json(await listServicePage(db, parseQuery(req, PageQuerySchema.extend(ServiceListQuerySchema.shape)))),
);

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createService(db, await parseBody(req, ServiceCreateSchema), actorForAudit(actor), meta), 201),
);
