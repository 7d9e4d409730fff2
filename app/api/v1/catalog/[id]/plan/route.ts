// POST /api/v1/catalog/:id/plan — what installing the app with these values would create (stack, route, DNS, checks, images); writes nothing.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { CATALOG_BODY_BYTES, CatalogInstallSchema, planInstall, TemplateIdSchema } from "@/lib/catalog";

export const POST = route<{ id: string }>("write", async ({ req, db, params }) => {
  const id = parseParam(params.id, TemplateIdSchema, "App template");
  return json(await planInstall(db, id, await parseBody(req, CatalogInstallSchema, CATALOG_BODY_BYTES)));
});
