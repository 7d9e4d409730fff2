// GET /api/v1/catalog/:id — one app template: its variables, route, checks, backup, notes and compose file.
import { route, json, parseParam } from "@/lib/api";
import { getCatalogApp, TemplateIdSchema } from "@/lib/catalog";

export const GET = route<{ id: string }>("read", async ({ db, params }) =>
  json(await getCatalogApp(db, parseParam(params.id, TemplateIdSchema, "App template"))),
);
