// GET /api/v1/stacks/:id/export[?version=n] — the stack's Compose file, as a download.
import { route, parseParam, parseQuery } from "@/lib/api";
import { exportStackFile, StackIdSchema, StackVersionQuerySchema } from "@/lib/stacks";

export const GET = route<{ id: string }>("read", async ({ req, db, params }) => {
  const id = parseParam(params.id, StackIdSchema, "Stack");
  const f = await exportStackFile(db, id, parseQuery(req, StackVersionQuerySchema).version);
  return new Response(f.text, {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${f.filename}"`, "cache-control": "no-store" },
  });
});
