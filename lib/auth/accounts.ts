// Account flows: first-run admin creation (throttled per address), sign-in (throttled per address
// and account, optional single-use TOTP) and password change. Each writes its audit row in the
// same transaction as its change; refusals are folded (one row per address, name and reason).
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { type AuditOrigin, recordAudit, recordRefusal } from "@/lib/audit";
import { getConfig } from "@/lib/config";
import { hashPassword, verifyPassword, dummyPasswordHash } from "./password";
import { createSession, revokeAllSessions, type SessionInfo } from "./sessions";
import { beginAttempt, recordSuccess, throttleKeys } from "./rate-limit";
import { checkSetupCode, clearSetupCode } from "./setup-code";
import { spendTotpCode, TOTP_REPLAYED_MESSAGE } from "./two-factor";
import { assertAddressAllowed } from "./address-throttle";
import { refuseUnauthenticated } from "./refusals";
import { userRows } from "./rows";
import type { LoginInput, SetupInput } from "./schemas";

export { beginTotpEnrolment, confirmTotpEnrolment, disableTotp } from "./two-factor";

const ALREADY_SET_UP = "Homeport is already set up; sign in instead";

export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export async function setupAdmin(db: Db, input: SetupInput, meta: AuditOrigin) {
  assertAddressAllowed("setup", meta.ip);
  if (!(await needsSetup(db))) {
    await refuseUnauthenticated(db, "setup", { action: "auth.setup.denied", reason: "already-set-up", meta });
    throw new DomainError("conflict", ALREADY_SET_UP);
  }
  if (!checkSetupCode(input.setupCode)) {
    await refuseUnauthenticated(db, "setup", { action: "auth.setup.denied", reason: "wrong-code", meta });
    throw new DomainError("forbidden", "The setup code is wrong. It is printed in the server log and stored in the data directory's setup-code file.");
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new DomainError("conflict", ALREADY_SET_UP);
    const u = await tx.user.create({ data: { username: input.username, passwordHash, role: "admin" } });
    await recordAudit(tx, { actor: { type: "user", id: u.id, name: u.username }, action: "auth.setup", target: { type: "user", id: u.id }, meta });
    return u;
  });
  clearSetupCode();
  return createSession(db, user.id, getConfig().sessionTtlMs, meta);
}

export type LoginResult = { token: string; session: SessionInfo };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function signInPaused(lockedMs: number): DomainError {
  const seconds = Math.ceil(lockedMs / 1000);
  return new DomainError("rate_limited", `Too many failed sign-ins. Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
}

export async function login(db: Db, input: LoginInput, meta: AuditOrigin): Promise<LoginResult> {
  const keys = throttleKeys(meta.ip, input.username);
  // Counted as a failure up front (see beginAttempt); cleared below when the sign-in succeeds.
  const { lockedMs, delayMs } = await beginAttempt(db, keys);
  if (lockedMs > 0) throw signInPaused(lockedMs);
  // The account is under attack from elsewhere: slow down, never refuse (bounded, see rate-limit).
  if (delayMs > 0) await sleep(delayMs);
  const failed = (reason: string, actor: { id?: string; name: string }) =>
    recordRefusal(db, { actor: { type: actor.id ? "user" : "anonymous", id: actor.id ?? null, name: actor.name }, action: "auth.login.failed", reason, meta });
  const found = await db.user.findUnique({ where: { username: input.username } });
  const user = found ? userRows.parse(found) : null;
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    await failed("password", { name: input.username.slice(0, 64) });
    throw new DomainError("unauthorized", "Wrong username or password");
  }
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new DomainError("unauthorized", "Enter the 6-digit code from your authenticator app", { issues: [{ path: "totp", message: "totp_required" }] });
    const verdict = await spendTotpCode(db, { id: user.id, totpSecret: user.totpSecret }, input.totp, { where: { totpEnabled: true } });
    if (verdict !== "ok") {
      await failed(verdict === "replayed" ? "totp-replayed" : "totp", { id: user.id, name: user.username });
      const message = verdict === "replayed" ? TOTP_REPLAYED_MESSAGE : "The two-factor code is wrong or expired";
      throw new DomainError("unauthorized", message, { issues: [{ path: "totp", message: verdict === "replayed" ? "totp_replayed" : "totp_invalid" }] });
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
  meta: AuditOrigin,
): Promise<LoginResult> {
  const found = await db.user.findUnique({ where: { id: user.id } });
  const row = found ? userRows.parse(found) : null;
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new DomainError("forbidden", "The current password is wrong");
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
