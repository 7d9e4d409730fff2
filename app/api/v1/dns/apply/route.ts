import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { applyDns, ApplyRequestSchema } from "@/lib/dns";

/** Applies the current plan; 422 with issues (nothing applied) when a desired record is invalid. */
export const POST = route("write", async ({ req, db, actor }) => json({ zones: await applyDns(db, actorForAudit(actor), await parseBody(req, ApplyRequestSchema)) }));
