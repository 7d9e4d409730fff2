import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { getIngressSettings, IngressSettingsInputSchema, updateIngressSettings } from "@/lib/ingress";

export const GET = route("read", async ({ db }) => json(await getIngressSettings(db)));

// admin: the settings decide where Caddy's admin calls go, with the routes' private keys and the
// admin API's Authorization header (lib/ingress/ingress-service.ts checks a move).
export const PATCH = route("admin", async ({ req, db, actor, meta }) =>
  json(await updateIngressSettings(db, await parseBody(req, IngressSettingsInputSchema), actorForAudit(actor), meta)),
);
