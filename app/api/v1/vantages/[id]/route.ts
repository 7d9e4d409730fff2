import { route, json, parseParam } from "@/lib/api";
import { deleteVantage, getVantageOrThrow, VantageUpsertSchema } from "@/lib/probes";

type P = { id: string };
const Id = VantageUpsertSchema.shape.id;

export const GET = route<P>("read", async ({ db, params }) => json(await getVantageOrThrow(db, parseParam(params.id, Id, "Vantage point"))));

/** Deletes a vantage point and its cells (the control plane is only disabled). */
export const DELETE = route<P>("admin", async ({ db, params }) => {
  await deleteVantage(db, parseParam(params.id, Id, "Vantage point"));
  return new Response(null, { status: 204 });
});
