import { route, json, parseBody } from "@/lib/api";
import { previewRoutePlan, RoutePlanRequestSchema } from "@/lib/routes";

/** The plan of an unsaved route: what creating and applying it would set up. Changes nothing. */
export const POST = route("read", async ({ req, db }) => json(await previewRoutePlan(db, await parseBody(req, RoutePlanRequestSchema))));
