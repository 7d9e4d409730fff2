// The test-send button: one test message, attempted now; the answer is the delivery's status.
import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory/schemas";
import { sendTestNotification } from "@/lib/probes";

type P = { id: string };

export const POST = route<P>("write", async ({ db, params }) => json(await sendTestNotification(db, parseParam(params.id, IdParamSchema, "Notification channel"))));
