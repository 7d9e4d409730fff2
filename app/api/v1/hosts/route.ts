import { route, json, parseQuery, PageQuerySchema } from "@/lib/api";
import { listHosts } from "@/lib/inventory";

export const GET = route("read", async ({ req, db }) => json(await listHosts(db, parseQuery(req, PageQuerySchema))));
