import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { getIngressSettings, IngressSettingsInputSchema, updateIngressSettings } from "@/lib/ingress";

export const GET = route("read", async ({ db }) => json(await getIngressSettings(db)));

export const PATCH = route("write", async ({ req, db, actor, meta }) =>
  json(await updateIngressSettings(db, await parseBody(req, IngressSettingsInputSchema), actorForAudit(actor), meta)),
);
