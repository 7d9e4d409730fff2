import { route, json } from "@/lib/api";
import { DomainError } from "@/lib/errors";
import { getLatestReport } from "@/lib/exposure";

/** The newest exposure report (running, done or failed); 404 before the first scan. */
export const GET = route("read", async ({ db }) => {
  const r = await getLatestReport(db);
  if (!r) throw new DomainError("not_found", "No exposure report yet: run a scan first");
  return json(r);
});
