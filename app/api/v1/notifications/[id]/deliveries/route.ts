import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { listDeliveries } from "@/lib/probes";

type P = { id: string };

export const GET = route<P>("read", async ({ db, params }) => json({ items: await listDeliveries(db, parseParam(params.id, IdParamSchema, "Notification channel")) }));
