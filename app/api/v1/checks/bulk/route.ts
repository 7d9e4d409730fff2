// Creates up to MAX_BULK_CHECKS checks in one transaction (one audit row).
import { route, json, readJsonBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { CheckBulkCreateSchema, createChecks } from "@/lib/probes";

const MAX_BULK_BODY_BYTES = 4 * 1024 * 1024;

export const POST = route("write", async ({ req, db, actor, meta }) => {
  // parseBody's 64 KiB cap is too small for thousands of checks; zod errors still map to 422.
  const parsed = CheckBulkCreateSchema.parse(await readJsonBody(req, MAX_BULK_BODY_BYTES));
  return json(await createChecks(db, parsed.checks, actorForAudit(actor), meta), 201);
});
