// A push check's secret URL: GET says whether it has one (the token is never readable again);
// POST makes a new one (the old URL stops working) and returns its token and path, once.
import { route, json, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { issuePushToken, pushUrlStatus } from "@/lib/probes/push";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json(await pushUrlStatus(db, parseParam(params.id, IdParamSchema, "Check"))));

export const POST = route<P>("write", async ({ db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Check");
  return json(await issuePushToken(db, id, actorForAudit(actor), meta), 201);
});
