import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory";
import { runRouteChecksNow } from "@/lib/routes";

type P = { id: string };

/** Runs the route's checks now from every vantage point that runs them. */
export const POST = route<P>("write", async ({ db, params }) => json(await runRouteChecksNow(db, parseParam(params.id, IdParamSchema, "Route"))));
