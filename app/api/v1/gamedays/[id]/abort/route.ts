import { route, json, parseParam } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { abortGameDay, GameDayIdSchema } from "@/lib/gamedays";

type P = { id: string };

/** Aborts a running game day: every reachable agent reverts now (admin). */
export const POST = route<P>("admin", async ({ db, params, actor, meta }) => json(await abortGameDay(db, parseParam(params.id, GameDayIdSchema, "Game day"), actorForAudit(actor), meta)));
