// GET /api/v1/capacity — this instance's live headroom: agents, containers, checks/min, event rate, process and database (read scope).
import { route, json } from "@/lib/api";
import { getCapacityLive } from "@/lib/capacity";

export const GET = route("read", async ({ db }) => json(await getCapacityLive(db)));
