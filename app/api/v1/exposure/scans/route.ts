import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { ScanRequestSchema, startExposureScan } from "@/lib/exposure";

/** Starts an exposure scan in the background: 202 with the report's id (409 while one runs). */
export const POST = route("write", async ({ req, db, actor, meta }) => {
  const { id } = await startExposureScan(db, await parseBody(req, ScanRequestSchema), actorForAudit(actor), meta);
  return json({ id }, 202);
});
