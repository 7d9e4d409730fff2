import { route, json, parseQuery } from "@/lib/api";
import { driftDns, PlanQuerySchema } from "@/lib/dns";

/** Reads every zone (or `?zoneId=`) back and lists owned records changed or removed by hand. */
export const GET = route("read", async ({ req, db }) => json({ zones: await driftDns(db, parseQuery(req, PlanQuerySchema)) }));
