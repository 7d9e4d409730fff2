// The latest results (heartbeat bars) and uptime of several checks, or of one route's checks, at once.
import { route, json, parseQuery } from "@/lib/api";
import { getHeartbeats, HeartbeatsQuerySchema } from "@/lib/probes";

export const GET = route("read", async ({ req, db }) => json(await getHeartbeats(db, parseQuery(req, HeartbeatsQuerySchema))));
