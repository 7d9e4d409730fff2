import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory";
import { getReport } from "@/lib/exposure";

type P = { id: string };

/** One exposure report; 404 for an unknown id. */
export const GET = route<P>("read", async ({ db, params }) => json(await getReport(db, parseParam(params.id, IdParamSchema, "Exposure report"))));
