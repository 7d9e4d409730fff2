// GET /api/v1/catalog — every app template (built-in and the user's), and the folders that did not load.
import { route, json } from "@/lib/api";
import { listCatalog } from "@/lib/catalog";

export const GET = route("read", async ({ db }) => json(await listCatalog(db)));
