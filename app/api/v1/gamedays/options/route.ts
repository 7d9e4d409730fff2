import { route, json } from "@/lib/api";
import { gameDayOptions } from "@/lib/gamedays";

/** What the "New game day" form can pick from. */
export const GET = route("read", async ({ db }) => json(await gameDayOptions(db)));
