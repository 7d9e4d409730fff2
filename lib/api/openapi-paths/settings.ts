// OpenAPI paths of the settings API (/api/v1/settings), from the same zod schemas the handlers
// parse. lib/api/openapi.ts spreads `settingsOpenApiPaths()` into `paths`.
import { body, errors, ok, type Json } from "../openapi-helpers";
import { SettingsPatchSchema, SettingsSchema } from "@/lib/settings/schemas";

export function settingsOpenApiPaths(): Json {
  const tags = ["settings"];
  return {
    "/settings": {
      get: { tags, summary: "Run-time settings such as audit retention (admin scope)", responses: { ...ok(SettingsSchema), ...errors(401, 403) } },
      patch: {
        tags,
        summary: "Change run-time settings (admin scope, audited)",
        requestBody: body(SettingsPatchSchema),
        responses: { ...ok(SettingsSchema), ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
  };
}
