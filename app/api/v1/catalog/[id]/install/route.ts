// POST /api/v1/catalog/:id/install — install the app: its stack (rolled out, health-gated), its checks, and its route once healthy. 202.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { CATALOG_BODY_BYTES, CatalogInstallSchema, installApp, TemplateIdSchema } from "@/lib/catalog";

export const POST = route<{ id: string }>("write", async ({ req, db, actor, meta, params }) => {
  const id = parseParam(params.id, TemplateIdSchema, "App template");
  return json(await installApp(db, id, await parseBody(req, CatalogInstallSchema, CATALOG_BODY_BYTES), actorForAudit(actor), meta), 202);
});
