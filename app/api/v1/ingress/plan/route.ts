// GET: what applying would change in Caddy now (no request bodies: they can hold private keys).
import { route, json } from "@/lib/api";
import { planIngress } from "@/lib/ingress";

export const GET = route("read", async ({ db }) => json(await planIngress(db)));
