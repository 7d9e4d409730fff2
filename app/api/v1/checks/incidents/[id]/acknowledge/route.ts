// POST /api/v1/checks/incidents/:id/acknowledge {note?} — audited, idempotent; 409 once ended.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { acknowledgeIncident, AcknowledgeBodySchema } from "@/lib/checkin";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Incident");
  const { note } = await parseBody(req, AcknowledgeBodySchema);
  return json(await acknowledgeIncident(db, id, { ...actorForAudit(actor), name: actor.username }, { note, meta }));
});
