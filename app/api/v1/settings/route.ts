// GET/PATCH /api/v1/settings — run-time settings such as audit retention (admin only, audited).
import { route, json, parseBody } from "@/lib/api";
import { actorForAudit } from "@/lib/auth";
import { getSettings, SettingsPatchSchema, updateSettings } from "@/lib/settings";

export const GET = route("admin", async ({ db }) => json(await getSettings(db)));

export const PATCH = route("admin", async ({ req, db, actor, meta }) =>
  json(await updateSettings(db, await parseBody(req, SettingsPatchSchema), actorForAudit(actor), meta)),
);
