// OpenAPI paths of user management (/api/v1/users, admin scope), from the same zod schemas the
// handlers parse. lib/api/openapi.ts spreads `usersOpenApiPaths()` into `paths`.
import { body, errors, idParam, noContent, ok, type Json } from "../openapi-helpers";
import { pageSchema } from "../pagination";
import { CreateUserSchema, ResetPasswordSchema, UpdateUserSchema, UserPasswordResultSchema, UserViewSchema } from "@/lib/auth/schemas";

export function usersOpenApiPaths(): Json {
  const tags = ["users"];
  return {
    "/users": {
      get: { tags, summary: "List users with their role, two-factor state and last activity (admin scope)", responses: { ...ok(pageSchema(UserViewSchema)), ...errors(401, 403) } },
      post: {
        tags,
        summary: "Create a user (admin scope, audited); a generated password is in this response only",
        requestBody: body(CreateUserSchema),
        responses: { ...ok(UserPasswordResultSchema, "201"), ...errors(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    "/users/{id}": {
      parameters: [idParam],
      patch: {
        tags,
        summary: "Change a user's role (admin scope, audited); the last admin cannot be demoted; takes effect on the user's next request",
        requestBody: body(UpdateUserSchema),
        responses: { ...ok(UserViewSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
      delete: { tags, summary: "Delete a user with their sessions and API tokens (admin scope, audited); not yourself, not the last admin", responses: { ...noContent("Deleted"), ...errors(401, 403, 404, 409) } },
    },
    "/users/{id}/password": {
      parameters: [idParam],
      post: {
        tags,
        summary: "Reset another user's password (admin scope, audited); their sessions end; a generated password is in this response only",
        requestBody: body(ResetPasswordSchema),
        responses: { ...ok(UserPasswordResultSchema), ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    "/users/{id}/totp": {
      parameters: [idParam],
      delete: { tags, summary: "Turn two-factor off for another user who lost their device (admin scope, audited)", responses: { ...ok(UserViewSchema), ...errors(401, 403, 404, 409) } },
    },
  };
}

