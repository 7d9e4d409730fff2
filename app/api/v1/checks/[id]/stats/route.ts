// Uptime per vantage point (24 h / 7 d / 30 d) and the chart series for one window.
import { z } from "zod";
import { route, json, parseParam, parseQuery } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { getCheckOrThrow, getSeries, getUptime } from "@/lib/probes";

type P = { id: string };
const QuerySchema = z.object({ window: z.enum(["24h", "7d", "30d"]).default("24h") });

export const GET = route<P>("read", async ({ req, db, params }) => {
  const id = parseParam(params.id, IdParamSchema, "Check");
  const { window } = parseQuery(req, QuerySchema);
  await getCheckOrThrow(db, id);
  return json({ uptime: await getUptime(db, id), series: await getSeries(db, id, window) });
});
