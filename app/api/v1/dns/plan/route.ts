import { route, json, parseQuery } from "@/lib/api";
import { planDns, PlanQuerySchema } from "@/lib/dns";

/** The plan of every zone (or `?zoneId=`): creates, updates, deletes, clashes and foreign records. */
export const GET = route("read", async ({ req, db }) => json({ zones: await planDns(db, parseQuery(req, PlanQuerySchema)) }));
