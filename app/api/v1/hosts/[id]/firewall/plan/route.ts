// POST /api/v1/hosts/:id/firewall/plan — previews a plan (the suggested one when none is sent): the
// exact nft text, the diff against Homeport's table in force, what it would cut, and its hash.
import { route, json, parseBody, parseParam } from "@/lib/api";
import { FirewallPlanRequestSchema, previewFirewallPlan } from "@/lib/firewall";
import { IdParamSchema } from "@/lib/inventory";

export const POST = route<{ id: string }>("read", async ({ req, db, params }) => {
  const hostId = parseParam(params.id, IdParamSchema, "Host");
  return json(await previewFirewallPlan(db, hostId, await parseBody(req, FirewallPlanRequestSchema)));
});
