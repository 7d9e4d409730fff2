import { route, json, parseBody, parseQuery, PageQuerySchema } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { createRoute, listRoutes, ListQuerySchema, RouteCreateSchema } from "@/lib/inventory";

export const GET = route("read", async ({ req, db }) =>
  json(await listRoutes(db, parseQuery(req, PageQuerySchema.extend(ListQuerySchema.shape)))),
);

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createRoute(db, await parseBody(req, RouteCreateSchema), actorForAudit(actor), meta), 201),
);
