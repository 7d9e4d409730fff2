import { route, json, parseParam, parseQuery } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { getCheckHistory, HistoryQuerySchema } from "@/lib/probes";

type P = { id: string };

export const GET = route<P>("read", async ({ req, db, params }) =>
  json(await getCheckHistory(db, parseParam(params.id, IdParamSchema, "Check"), parseQuery(req, HistoryQuerySchema))),
);
