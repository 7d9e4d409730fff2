// GET /api/v1/hosts/:id/firewall — the host's firewall read through its agent: what is allowed in
// and out per interface, Docker's chains summarised, and the suggested rules with why.
import { route, json, parseParam } from "@/lib/api";
import { getHostFirewall } from "@/lib/firewall";
import { IdParamSchema } from "@/lib/inventory";

export const GET = route<{ id: string }>("read", async ({ db, params }) => json(await getHostFirewall(db, parseParam(params.id, IdParamSchema, "Host"))));
