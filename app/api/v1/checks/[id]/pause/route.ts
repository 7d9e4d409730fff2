// POST /api/v1/checks/:id/pause {paused} — pauses or resumes a check (who and when kept, audited).
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { CheckPauseSchema } from "@/lib/probes";
import { setCheckPaused } from "@/lib/probes/checks";

export const POST = route<{ id: string }>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Check");
  const { paused } = await parseBody(req, CheckPauseSchema);
  return json(await setCheckPaused(db, id, paused, { ...actorForAudit(actor), name: actor.username }, meta));
});
