// AuditEvent rows as they leave the database: one row parser (details through the API's schema,
// the actor type through its z.enum) and the record type every reader of the trail uses.
import { z } from "zod";
import { jsonColumn, rowParser, type RecordOf } from "@/lib/db/rows";
import { AuditDetailsSchema, AuditEventSchema, type AuditEventView } from "./schemas";

/** The details column: a JSON object, or null. */
export const AuditDetailsColumn = jsonColumn(AuditDetailsSchema).nullable();

/** The view's fields, with the two timestamps as the Dates the database returns. */
const auditEventShape = {
  ...AuditEventSchema.shape,
  at: z.date(),
  details: AuditDetailsColumn,
  lastAt: z.date().nullable(),
};
/** AuditEvent rows: `auditEventRows.parse(row)` for a whole row, `.columns(row)` for a select. */
export const auditEventRows = rowParser("AuditEvent", auditEventShape);
/** One audit row: who did what to which object, when, from where, and how many times (folded refusals). */
export type AuditEventRecord = RecordOf<typeof auditEventShape>;

export function auditEventView(r: AuditEventRecord): AuditEventView {
  return { ...r, at: r.at.toISOString(), lastAt: r.lastAt?.toISOString() ?? null };
}
