import { route, json, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { applyRoute } from "@/lib/routes";

type P = { id: string };

/** Converges the route's parts now (synchronously) and has its checks run at once. */
export const POST = route<P>("write", async ({ db, params, actor, meta }) => json(await applyRoute(db, parseParam(params.id, IdParamSchema, "Route"), actorForAudit(actor), meta)));
