import { route, json } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { runInternetDownDrill } from "@/lib/routes";

/** The internet-down drill: what still works for every route and service with the internet gone. */
export const POST = route("write", async ({ db, actor, meta }) => json(await runInternetDownDrill(db, actorForAudit(actor), meta)));
