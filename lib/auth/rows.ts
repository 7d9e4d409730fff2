// The auth tables as they leave the database: users (role through its z.enum), sessions and API
// tokens (scopes through ScopeSchema), one row parser each and the record types readers use.
import { z } from "zod";
import { listColumn, rowParser, type RecordOf } from "@/lib/db/rows";
import { ScopeSchema, UserRoleSchema } from "./schemas";

/**
 * The scopes column ("read,write"). A scope this version does not know is dropped rather than
 * refusing the token: a token never holds more than the scopes it is read with.
 */
export const ScopesColumn = listColumn(ScopeSchema, { lenient: true });

const userShape = {
  id: z.string(),
  username: z.string(),
  passwordHash: z.string(),
  role: UserRoleSchema,
  /** Sealed (lib/auth/secret-box). */
  totpSecret: z.string().nullable(),
  totpEnabled: z.boolean(),
  lastCheckInAt: z.date().nullable(),
  totpLastStep: z.number().int().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
/** User rows: `userRows.parse(row)` for a whole row, `.columns(row)` for a select. */
export const userRows = rowParser("User", userShape);
export type UserRecord = RecordOf<typeof userShape>;

const sessionShape = {
  id: z.string(),
  userId: z.string(),
  tokenHash: z.string(),
  previousTokenHash: z.string().nullable(),
  previousValidUntil: z.date().nullable(),
  csrfToken: z.string(),
  createdAt: z.date(),
  rotatedAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
};
/** Session rows. */
export const sessionRows = rowParser("Session", sessionShape);
export type SessionRecord = RecordOf<typeof sessionShape>;

const apiTokenShape = {
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string(),
  tokenHash: z.string(),
  scopes: ScopesColumn,
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
};
/** ApiToken rows. */
export const apiTokenRows = rowParser("ApiToken", apiTokenShape);
export type ApiTokenRecord = RecordOf<typeof apiTokenShape>;
