// Uptime per vantage point (24 h / 7 d / 30 d) and the latency chart of one window (its series,
// bucket width and the newest failure, which an all-failed chart names).
import { z } from "zod";
import { route, json, parseParam, parseQuery } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { getCheckOrThrow, getLatencyChart, getUptime } from "@/lib/probes";

type P = { id: string };
const QuerySchema = z.object({ window: z.enum(["24h", "7d", "30d"]).default("24h") });

export const GET = route<P>("read", async ({ req, db, params }) => {
  const id = parseParam(params.id, IdParamSchema, "Check");
  const { window } = parseQuery(req, QuerySchema);
  await getCheckOrThrow(db, id);
  const [uptime, chart] = await Promise.all([getUptime(db, id), getLatencyChart(db, id, window)]);
  return json({ uptime, ...chart });
});
