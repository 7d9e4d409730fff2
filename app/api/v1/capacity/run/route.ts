// GET /api/v1/capacity/run — the scale bench's last run read from the data dir (read scope); 404 with the command when there is none.
import { route, json } from "@/lib/api";
import { getCapacityRunOrThrow } from "@/lib/capacity";

export const GET = route("read", async () => json(await getCapacityRunOrThrow()));
