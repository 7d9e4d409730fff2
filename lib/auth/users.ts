// User management for admins: list, create, change a role, reset a password or two-factor, delete.
// Every change is audited with the acting admin in its own transaction; the last admin can be
// neither demoted nor deleted; whatever a change takes away (sessions, tokens, live streams) ends at once.
import type { Db, Prisma } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit, type AuditOrigin } from "@/lib/audit";
import { hashPassword } from "./password";
import { randomToken } from "./tokens";
import { revokeAllSessions } from "./sessions";
import { announceRevocation } from "./revocation";
import { userRows } from "./rows";
import type { CreateUserInput, ResetPasswordInput, UserPasswordResult, UserRole, UserView } from "./schemas";

/** Bytes of a generated password (base64url: 16 characters, 96 bits). */
const GENERATED_PASSWORD_BYTES = 12;

/** The admin acting (a session or an API token of an admin). */
export interface UserAdminActor {
  type: "user" | "token";
  /** The acting credential's id (the audit's actor id). */
  id: string;
  /** The acting user. */
  userId: string;
  name: string;
}

const LAST_ADMIN = "Homeport needs at least one admin: make another user an admin first";

type Tx = Prisma.TransactionClient;

const auditActor = (a: UserAdminActor) => ({ type: a.type, id: a.id, name: a.name });

async function userOrThrow(db: Db | Tx, id: string) {
  const row = await db.user.findUnique({ where: { id } });
  if (!row) throw notFound("User");
  return userRows.parse(row);
}

/** Throws (rolling the transaction back) when the change just made left no admin. */
async function assertAnAdminRemains(tx: Tx): Promise<void> {
  if ((await tx.user.count({ where: { role: "admin" } })) === 0) throw new DomainError("conflict", LAST_ADMIN);
}

async function viewsOf(db: Db | Tx, where: Prisma.UserWhereInput): Promise<UserView[]> {
  const rows = await db.user.findMany({ where, orderBy: { username: "asc" }, include: { sessions: { select: { lastSeenAt: true } } } });
  return rows.map((r) => {
    const u = userRows.parse(r);
    const lastSeen = r.sessions.reduce<Date | null>((m, s) => (!m || s.lastSeenAt > m ? s.lastSeenAt : m), null);
    return {
      id: u.id,
      username: u.username,
      role: u.role,
      totpEnabled: u.totpEnabled,
      activeSessions: r.sessions.length,
      lastActiveAt: lastSeen?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    };
  });
}

async function viewOf(db: Db | Tx, id: string): Promise<UserView> {
  const [v] = await viewsOf(db, { id });
  if (!v) throw notFound("User");
  return v;
}

export function listUsers(db: Db): Promise<UserView[]> {
  return viewsOf(db, {});
}

function passwordOrGenerated(given: string | undefined): { password: string; generated: boolean } {
  return given === undefined ? { password: randomToken(GENERATED_PASSWORD_BYTES), generated: true } : { password: given, generated: false };
}

export async function createUser(db: Db, actor: UserAdminActor, input: CreateUserInput, meta: AuditOrigin): Promise<UserPasswordResult> {
  const { password, generated } = passwordOrGenerated(input.password);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
      throw new DomainError("conflict", `A user named “${input.username}” already exists`, { issues: [{ path: "username", message: "already taken" }] });
    }
    const u = await tx.user.create({ data: { username: input.username, passwordHash, role: input.role } });
    await recordAudit(tx, { actor: auditActor(actor), action: "user.create", target: { type: "user", id: u.id }, details: { username: u.username, role: input.role, generatedPassword: generated }, meta });
    return viewOf(tx, u.id);
  });
  return { user, generatedPassword: generated ? password : null };
}

/** Changes a role; the user's sessions and tokens get the new role's scopes on their next request, and their live streams restart. */
export async function changeUserRole(db: Db, actor: UserAdminActor, userId: string, role: UserRole, meta: AuditOrigin): Promise<UserView> {
  const view = await db.$transaction(async (tx) => {
    const before = await userOrThrow(tx, userId);
    if (before.role === role) return viewOf(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await assertAnAdminRemains(tx);
    await recordAudit(tx, { actor: auditActor(actor), action: "user.role.change", target: { type: "user", id: userId }, details: { username: before.username, from: before.role, to: role }, meta });
    return viewOf(tx, userId);
  });
  announceRevocation({ kind: "user", userId });
  return view;
}

/** Sets a new password for another user (typed or generated); every session of theirs ends. */
export async function resetUserPassword(db: Db, actor: UserAdminActor, userId: string, input: ResetPasswordInput, meta: AuditOrigin): Promise<UserPasswordResult> {
  if (userId === actor.userId) throw new DomainError("forbidden", "Change your own password under Password; it asks for the current one");
  const { password, generated } = passwordOrGenerated(input.password);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const u = await userOrThrow(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await recordAudit(tx, { actor: auditActor(actor), action: "user.password.reset", target: { type: "user", id: userId }, details: { username: u.username, generatedPassword: generated }, meta });
  });
  await revokeAllSessions(db, userId);
  return { user: await viewOf(db, userId), generatedPassword: generated ? password : null };
}

/** Turns two-factor off for a user who lost their device; they set it up again after signing in. */
export async function resetUserTotp(db: Db, actor: UserAdminActor, userId: string, meta: AuditOrigin): Promise<UserView> {
  if (userId === actor.userId) throw new DomainError("forbidden", "Turn your own two-factor off under Two-factor authentication; it asks for a code");
  return db.$transaction(async (tx) => {
    const u = await userOrThrow(tx, userId);
    if (!u.totpEnabled) throw new DomainError("conflict", `Two-factor is already off for ${u.username}`);
    await tx.user.update({ where: { id: userId }, data: { totpEnabled: false, totpSecret: null } });
    await recordAudit(tx, { actor: auditActor(actor), action: "user.totp.reset", target: { type: "user", id: userId }, details: { username: u.username }, meta });
    return viewOf(tx, userId);
  });
}

/** Deletes a user with their sessions and API tokens; their live streams end at once. */
export async function deleteUser(db: Db, actor: UserAdminActor, userId: string, meta: AuditOrigin): Promise<void> {
  if (userId === actor.userId) throw new DomainError("forbidden", "You cannot delete yourself; another admin can");
  await db.$transaction(async (tx) => {
    const u = await userOrThrow(tx, userId);
    const tokens = await tx.apiToken.count({ where: { userId } });
    await tx.user.delete({ where: { id: userId } });
    await assertAnAdminRemains(tx);
    await recordAudit(tx, { actor: auditActor(actor), action: "user.delete", target: { type: "user", id: userId }, details: { username: u.username, role: u.role, tokens }, meta });
  });
  announceRevocation({ kind: "user", userId });
}
