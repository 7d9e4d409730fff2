import { route, json, parseParam } from "@/lib/api";
import { getGameDay, GameDayIdSchema } from "@/lib/gamedays";

type P = { id: string };

/** One game day: the prediction next to what the checks saw, and the timeline; 404 for an unknown id. */
export const GET = route<P>("read", async ({ db, params }) => json(await getGameDay(db, parseParam(params.id, GameDayIdSchema, "Game day"))));
