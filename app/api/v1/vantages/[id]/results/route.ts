// Results reported by a vantage point over HTTP (scripts, the probe CLI), held to its schedule by
// ingestReportedResults (assigned checks only, no future dates, not for agents' hosts). Agents
// report through the hub, which calls ingestResults after its own checks.
import { z } from "zod";
import { route, json, parseParam, readJsonBody } from "@/lib/api";
import { VantageResultSchema, VantageUpsertSchema } from "@/lib/probes";
import { ingestReportedResults } from "@/lib/probes/ingest";

type P = { id: string };
const BodySchema = z.object({ results: z.array(VantageResultSchema).min(1).max(5_000) });
const MAX_RESULTS_BODY_BYTES = 4 * 1024 * 1024;

export const POST = route<P>("write", async ({ req, db, params }) => {
  const vantageId = parseParam(params.id, VantageUpsertSchema.shape.id, "Vantage point");
  const { results } = BodySchema.parse(await readJsonBody(req, MAX_RESULTS_BODY_BYTES));
  return json(await ingestReportedResults(vantageId, results, db));
});
