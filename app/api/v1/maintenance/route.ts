// GET /api/v1/maintenance — current, upcoming and recently ended windows; POST creates one.
import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { MaintenanceInputSchema } from "@/lib/probes";
import { createMaintenance, listMaintenance } from "@/lib/probes/maintenance";

export const GET = route("read", async ({ db }) => json({ items: await listMaintenance(db) }));

export const POST = route("write", async ({ req, db, actor, meta }) =>
  json(await createMaintenance(db, await parseBody(req, MaintenanceInputSchema), { ...actorForAudit(actor), name: actor.username }, meta), 201),
);
