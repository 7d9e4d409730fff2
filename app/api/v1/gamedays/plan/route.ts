import { route, json, parseBody } from "@/lib/api";
import { planGameDay, planView, PlanRequestSchema } from "@/lib/gamedays";

/** The blast radius of a game day, without running it. */
export const POST = route("read", async ({ req, db }) => json(planView(await planGameDay(db, await parseBody(req, PlanRequestSchema)))));
