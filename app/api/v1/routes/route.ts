import { route, json, parseBody, parseQuery, PageQuerySchema } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { ListQuerySchema } from "@/lib/inventory";
import { createRoute, listRoutes, RouteCreateSchema } from "@/lib/routes";

export const GET = route("read", async ({ req, db }) =>
  json(await listRoutes(db, parseQuery(req, PageQuerySchema.extend(ListQuerySchema.shape)))),
);

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createRoute(db, await parseBody(req, RouteCreateSchema), actorForAudit(actor), meta), 201),
);
