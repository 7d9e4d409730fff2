// GET /api/v1/updates — per service and per stack: the digest running, the tag's newest, the new
// image's age, the last check and its error; and the update job's state (on or off, next run).
import { route, json } from "@/lib/api";
import { listUpdates } from "@/lib/images";

export const GET = route("read", async ({ db }) => json(await listUpdates(db)));
