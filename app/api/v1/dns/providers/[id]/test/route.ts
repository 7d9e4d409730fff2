import { route, json, parseParam } from "@/lib/api";
import { IdParamSchema } from "@/lib/inventory";
import { testProvider } from "@/lib/dns";

type P = { id: string };

/** Tests reachability and credentials; answers 200 with `{ ok, message }` either way. */
export const POST = route<P>("write", async ({ db, params }) => json(await testProvider(db, parseParam(params.id, IdParamSchema, "DNS provider"))));
