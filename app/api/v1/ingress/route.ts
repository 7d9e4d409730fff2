// GET: the reverse proxy's settings and each Route's entry with its last recorded status.
import { route, json } from "@/lib/api";
import { getIngressOverview } from "@/lib/ingress";

export const GET = route("read", async ({ db }) => json(await getIngressOverview(db, { live: false })));
