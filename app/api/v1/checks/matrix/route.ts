import { route, json, parseQuery, PageQuerySchema } from "@/lib/api";
import { ListQuerySchema } from "@/lib/inventory/schemas";
import { getMatrix } from "@/lib/probes";

export const GET = route("read", async ({ req, db }) => json(await getMatrix(db, parseQuery(req, PageQuerySchema.extend(ListQuerySchema.shape)))));
