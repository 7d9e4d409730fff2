// GET /api/v1/overview — what needs attention, the first-run checklist and the lab's summary.
import { route, json } from "@/lib/api";
import { getOverview } from "@/lib/overview";

export const GET = route("read", async ({ db, actor }) => json(await getOverview(db, actor.userId)));
