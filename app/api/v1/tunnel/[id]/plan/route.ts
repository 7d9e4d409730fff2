// GET: the tunnel's ingress rules as applying would write them, and what changes.
import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory";
import { planTunnel } from "@/lib/tunnel";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await planTunnel(db, parseParam(params.id, IdParamSchema, "Tunnel"))));
