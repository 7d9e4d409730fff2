// zod schemas of the auth domain, shared by the API, the OpenAPI document and the forms. Request
// schemas are strict: unknown fields are refused, as everywhere in the API.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-limits";

export const ScopeSchema = z.enum(["read", "write", "admin"]).describe("read: GET endpoints; write: also mutations; admin: also tokens and settings");
export type Scope = z.infer<typeof ScopeSchema>;

/**
 * A user's role: admin (everything: users, tokens, settings, secrets, consoles), operator (runs the lab:
 * deploys, actions, checks, routes; no users or settings), viewer (reads). ROLE_SCOPES gives each its scopes.
 */
export const UserRoleSchema = z.enum(["admin", "operator", "viewer"]);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** What each role's sessions may do (the compiler notices a role without an entry). Browser-safe. */
export const ROLE_SCOPES: Record<UserRole, Scope[]> = { admin: ["admin"], operator: ["write"], viewer: ["read"] };

/** Whether granted scopes cover the needed one: admin covers all, write covers read. Browser-safe. */
export function scopeCovers(granted: readonly Scope[], needed: Scope): boolean {
  if (granted.includes("admin")) return true;
  if (needed === "read") return granted.includes("read") || granted.includes("write");
  return granted.includes(needed);
}

export const UsernameSchema = z
  .string()
  .trim()
  .min(3, "at least 3 characters")
  .max(64, "at most 64 characters")
  .regex(/^[a-zA-Z0-9._-]+$/, "letters, digits, dot, dash and underscore only");

export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

export const TotpCodeSchema = z.string().trim().regex(/^\d{6}$/, "a 6-digit code");

export const SetupSchema = z.object({
  setupCode: z.string().trim().min(1, "the setup code is required").max(64),
  username: UsernameSchema,
  password: NewPasswordSchema,
}).strict();
export type SetupInput = z.infer<typeof SetupSchema>;

export const LoginSchema = z.object({
  username: z.string().trim().min(1, "required").max(64),
  password: z.string().min(1, "required").max(MAX_PASSWORD_LENGTH),
  totp: TotpCodeSchema.optional(),
}).strict();
export type LoginInput = z.infer<typeof LoginSchema>;

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, "required").max(MAX_PASSWORD_LENGTH),
  newPassword: NewPasswordSchema,
}).strict();

export const TotpEnableSchema = z.object({ code: TotpCodeSchema }).strict();
export const TotpDisableSchema = z.object({ password: z.string().min(1).max(MAX_PASSWORD_LENGTH), code: TotpCodeSchema }).strict();

export const CreateApiTokenSchema = z.object({
  name: z.string().trim().min(1, "required").max(64),
  scopes: z.array(ScopeSchema).min(1, "pick at least one scope").max(3),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90)
    .describe("Days until the token expires; null for no expiry"),
}).strict();
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenSchema>;

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ScopeSchema),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiTokenView = z.infer<typeof ApiTokenSchema>;

/** The scopes a role may hand to an API token it creates (a token never exceeds its owner). Browser-safe. */
export function scopesAllowedFor(role: UserRole): Scope[] {
  return ScopeSchema.options.filter((s) => scopeCovers(ROLE_SCOPES[role], s));
}

/**
 * A token's stored scopes cut down to what its owner's role grants now: each scope the role allows
 * and the token covers (a demoted admin's admin token reads as a viewer's, writes as an operator's). Browser-safe.
 */
export function effectiveScopes(tokenScopes: readonly Scope[], role: UserRole): Scope[] {
  return scopesAllowedFor(role).filter((s) => scopeCovers(tokenScopes, s));
}

/** Create a user (admin only): an initial password typed by the admin, or none for a generated one shown once. */
export const CreateUserSchema = z.object({
  username: UsernameSchema,
  role: UserRoleSchema,
  password: NewPasswordSchema.optional().describe("Omit to have Homeport generate one (returned once)"),
}).strict();
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.object({ role: UserRoleSchema }).strict();
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.object({
  password: NewPasswordSchema.optional().describe("Omit to have Homeport generate one (returned once)"),
}).strict();
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

/** A user as admins see them: whether two-factor is on, never its secret. */
export const UserViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: UserRoleSchema,
  totpEnabled: z.boolean(),
  activeSessions: z.number().int(),
  lastActiveAt: z.string().nullable().describe("The latest activity of any of the user's sessions"),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserViewSchema>;

/** A create or a password reset: the password is in this answer only when Homeport generated it. */
export const UserPasswordResultSchema = z.object({ user: UserViewSchema, generatedPassword: z.string().nullable() });
export type UserPasswordResult = z.infer<typeof UserPasswordResultSchema>;
