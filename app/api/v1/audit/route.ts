import { route, json, parseQuery, PageQuerySchema } from "@/lib/api";
import { AuditQuerySchema, listAuditEvents } from "@/lib/audit";

export const GET = route("admin", async ({ req, db }) =>
  json(await listAuditEvents(parseQuery(req, PageQuerySchema.extend(AuditQuerySchema.shape)), db)),
);
