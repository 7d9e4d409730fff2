import { route, json, parseQuery } from "@/lib/api";
import { listReports, ReportListQuerySchema } from "@/lib/exposure";

/** The history of exposure reports, newest first. */
export const GET = route("read", async ({ req, db }) => json(await listReports(db, parseQuery(req, ReportListQuerySchema))));
