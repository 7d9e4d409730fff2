import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory";
import { loadRouteStatus } from "@/lib/routes";

type P = { id: string };

/** Parts, verdicts and the LAN/remote sides of a route. */
export const GET = route<P>("read", async ({ db, params }) => json(await loadRouteStatus(db, parseParam(params.id, IdParamSchema, "Route"))));
