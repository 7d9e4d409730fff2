import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory";
import { planRoute } from "@/lib/routes";

type P = { id: string };

/** What applying the route would change in each of its four parts, and the checks that verify it. */
export const GET = route<P>("read", async ({ db, params }) => json(await planRoute(db, parseParam(params.id, IdParamSchema, "Route"))));
