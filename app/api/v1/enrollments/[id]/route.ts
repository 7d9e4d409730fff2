// DELETE /api/v1/enrollments/:id — withdraws an unused enrollment token.
import { route, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { deleteEnrollmentToken } from "@/lib/agents";
import { IdParamSchema } from "@/lib/inventory";

export const DELETE = route<{ id: string }>("admin", async ({ db, params, actor, meta }) => {
  await deleteEnrollmentToken(db, parseParam(params.id, IdParamSchema, "Enrollment token"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
