// GET: checks Caddy and every entry now (admin API + a request through Caddy per hostname).
import { route, json } from "@/lib/api";
import { getIngressOverview } from "@/lib/ingress";

export const GET = route("read", async ({ db }) => json(await getIngressOverview(db, { live: true })));
