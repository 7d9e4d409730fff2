// Account flows: first-run admin creation, sign-in (throttled, optional TOTP), password change,
// two-factor enrolment. Each writes its audit row in the same transaction as its change.
import type { Db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { RequestMeta } from "@/lib/api/request-meta";
import { recordAudit } from "@/lib/audit";
import { getConfig } from "@/lib/config";
import { hashPassword, verifyPassword, dummyPasswordHash } from "./password";
import { createSession, revokeAllSessions, type SessionInfo } from "./sessions";
import { beginAttempt, recordSuccess, throttleKeys } from "./rate-limit";
import { checkSetupCode, clearSetupCode } from "./setup-code";
import { generateTotpSecret, totpUri, verifyTotp } from "./totp";
import { openSecret, sealSecret } from "./secret-box";
import type { LoginInput, SetupInput } from "./schemas";

export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export async function setupAdmin(db: Db, input: SetupInput, meta: RequestMeta) {
  if (!(await needsSetup(db))) throw new ApiError("conflict", "Homeport is already set up; sign in instead");
  if (!checkSetupCode(input.setupCode)) {
    await recordAudit(db, { actor: { type: "anonymous" }, action: "auth.setup.denied", meta });
    throw new ApiError("forbidden", "The setup code is wrong. It is printed in the server log and stored in the data directory's setup-code file.");
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new ApiError("conflict", "Homeport is already set up; sign in instead");
    const u = await tx.user.create({ data: { username: input.username, passwordHash, role: "admin" } });
    await recordAudit(tx, { actor: { type: "user", id: u.id, name: u.username }, action: "auth.setup", target: { type: "user", id: u.id }, meta });
    return u;
  });
  clearSetupCode();
  return createSession(db, user.id, getConfig().sessionTtlMs, meta);
}

export type LoginResult = { token: string; session: SessionInfo };

export async function login(db: Db, input: LoginInput, meta: RequestMeta): Promise<LoginResult> {
  const keys = throttleKeys(meta.ip, input.username);
  // Counted as a failure up front (see beginAttempt); cleared below when the sign-in succeeds.
  const wait = await beginAttempt(db, keys);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new ApiError("rate_limited", `Too many failed sign-ins. Try again in ${seconds} s.`, {
      headers: { "retry-after": String(seconds) },
    });
  }
  const user = await db.user.findUnique({ where: { username: input.username } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    await recordAudit(db, { actor: { type: "anonymous", name: input.username }, action: "auth.login.failed", meta });
    throw new ApiError("unauthorized", "Wrong username or password");
  }
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new ApiError("unauthorized", "Enter the 6-digit code from your authenticator app", { issues: [{ path: "totp", message: "totp_required" }] });
    if (!verifyTotp(openSecret(user.totpSecret), input.totp)) {
      await recordAudit(db, { actor: { type: "user", id: user.id, name: user.username }, action: "auth.login.failed", details: { reason: "totp" }, meta });
      throw new ApiError("unauthorized", "The two-factor code is wrong or expired", { issues: [{ path: "totp", message: "totp_invalid" }] });
    }
  }
  await recordSuccess(db, keys);
  const result = await createSession(db, user.id, getConfig().sessionTtlMs, meta);
  await recordAudit(db, { actor: { type: "user", id: user.id, name: user.username }, action: "auth.login", target: { type: "session", id: result.session.id }, meta });
  return result;
}

export async function changePassword(
  db: Db,
  user: { id: string; name: string },
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<LoginResult> {
  const row = await db.user.findUnique({ where: { id: user.id } });
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new ApiError("forbidden", "The current password is wrong");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordAudit(tx, { actor: { type: "user", id: user.id, name: user.name }, action: "auth.password.change", target: { type: "user", id: user.id }, meta });
  });
  // A new password ends every other session; this one continues with a fresh token.
  await revokeAllSessions(db, user.id);
  return createSession(db, user.id, getConfig().sessionTtlMs, meta);
}

export async function beginTotpEnrolment(db: Db, user: { id: string; name: string }) {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (row.totpEnabled) throw new ApiError("conflict", "Two-factor authentication is already on");
  const secret = generateTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpSecret: sealSecret(secret) } });
  return { secret, uri: totpUri(secret, row.username) };
}

export async function confirmTotpEnrolment(db: Db, user: { id: string; name: string }, code: string, meta: RequestMeta) {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (row.totpEnabled) throw new ApiError("conflict", "Two-factor authentication is already on");
  if (!row.totpSecret) throw new ApiError("bad_request", "Start two-factor set-up first");
  if (!verifyTotp(openSecret(row.totpSecret), code)) throw new ApiError("invalid", "The code does not match; check the time on your phone", { issues: [{ path: "code", message: "wrong code" }] });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabled: true } });
    await recordAudit(tx, { actor: { type: "user", id: user.id, name: user.name }, action: "auth.totp.enable", target: { type: "user", id: user.id }, meta });
  });
}

export async function disableTotp(db: Db, user: { id: string; name: string }, input: { password: string; code: string }, meta: RequestMeta) {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!row.totpEnabled || !row.totpSecret) throw new ApiError("conflict", "Two-factor authentication is off");
  const ok = (await verifyPassword(input.password, row.passwordHash)) && verifyTotp(openSecret(row.totpSecret), input.code);
  if (!ok) throw new ApiError("forbidden", "Password or code is wrong");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabled: false, totpSecret: null } });
    await recordAudit(tx, { actor: { type: "user", id: user.id, name: user.name }, action: "auth.totp.disable", target: { type: "user", id: user.id }, meta });
  });
}
