// GET /api/v1/catalog/:id/icon — the template's checked SVG icon, served so that nothing in it can run.
import { route, parseParam } from "@/lib/api";
import { getCatalogIcon, TemplateIdSchema } from "@/lib/catalog";

export const GET = route<{ id: string }>("read", async ({ params }) =>
  new Response(getCatalogIcon(parseParam(params.id, TemplateIdSchema, "App template")), {
    headers: {
      "content-type": "image/svg+xml",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=300",
    },
  }),
);
