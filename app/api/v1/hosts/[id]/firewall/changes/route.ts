// GET /api/v1/hosts/:id/firewall/changes — the host's firewall changes, newest first.
import { route, json, parseParam } from "@/lib/api";
import { listFirewallChanges } from "@/lib/firewall";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json({ items: await listFirewallChanges(db, parseParam(params.id, IdParamSchema, "Host")) }));
