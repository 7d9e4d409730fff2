import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { listGameDays, startGameDay, StartRequestSchema } from "@/lib/gamedays";

/** The game days, newest first. */
export const GET = route("read", async ({ db }) => json({ items: await listGameDays(db) }));

/** Starts a game day (admin: it breaks the lab on purpose): 201 with its id and status. */
export const POST = route("admin", async ({ req, db, actor, meta }) => json(await startGameDay(db, await parseBody(req, StartRequestSchema), actorForAudit(actor), meta), 201));
