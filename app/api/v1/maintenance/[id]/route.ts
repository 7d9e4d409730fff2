// GET/PATCH/DELETE /api/v1/maintenance/:id — one maintenance window.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { MaintenanceInputSchema } from "@/lib/probes";
import { deleteMaintenance, getMaintenanceOrThrow, updateMaintenance } from "@/lib/probes/maintenance";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await getMaintenanceOrThrow(db, parseParam(params.id, IdParamSchema, "Maintenance window"))));

export const PATCH = route<P>("write", async ({ req, db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Maintenance window");
  return json(await updateMaintenance(db, id, await parseBody(req, MaintenanceInputSchema), actorForAudit(actor), meta));
});

export const DELETE = route<P>("write", async ({ db, params, actor, meta }) => {
  await deleteMaintenance(db, parseParam(params.id, IdParamSchema, "Maintenance window"), actorForAudit(actor), meta);
  return new Response(null, { status: 204 });
});
