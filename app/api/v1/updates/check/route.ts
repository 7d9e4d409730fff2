// POST /api/v1/updates/check — "Check now": asks the registries about every tag in use (409 while
// image updates are off in Settings); answers with the updated view once the check has ended.
import { route, json } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { checkNow } from "@/lib/images";

export const POST = route("write", async ({ db, actor, meta }) => json(await checkNow(db, actorForAudit(actor), meta)));
