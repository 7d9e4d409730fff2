// POST /api/v1/services/bulk {action, ids} — start, stop, restart, deploy or delete many services; each one's outcome is reported.
import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { bulkServiceAction, BulkRequestSchema } from "@/lib/agents";

export const POST = route("write", async ({ req, db, actor, meta }) => json(await bulkServiceAction(db, await parseBody(req, BulkRequestSchema), actorForAudit(actor), meta)));
