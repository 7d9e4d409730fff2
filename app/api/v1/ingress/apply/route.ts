// POST: applies the plan to Caddy through targeted admin API calls; answers what was applied
// and, if Caddy refused a change, which one and Caddy's own error text.
import { route, json } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { applyIngress } from "@/lib/ingress";

export const POST = route("write", async ({ db, actor, meta }) => json(await applyIngress(db, actorForAudit(actor), meta)));
