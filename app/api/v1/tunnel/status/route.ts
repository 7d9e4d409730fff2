// GET: per remotely exposed Route, whether each tunnel carries its rule.
import { route, json } from "@/lib/api";
import { tunnelRuleStatuses } from "@/lib/tunnel";

export const GET = route("read", async ({ db }) => json({ items: await tunnelRuleStatuses(db) }));
