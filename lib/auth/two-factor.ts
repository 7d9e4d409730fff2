// Two-factor sign-in (TOTP): enrolment, turning it off, and spending a code. A code is good once:
// its time step must be later than the last step accepted for the user (`User.totpLastStep`),
// and the step is recorded with a conditional update, so of two requests carrying the same code
// exactly one wins.
import type { Db, Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { type AuditOrigin, recordAudit } from "@/lib/audit";
import { verifyPassword } from "./password";
import { generateTotpSecret, matchTotpStep, totpUri } from "./totp";
import { openSecret, sealSecret } from "./secret-box";
import { userRows } from "./rows";

type DbOrTx = Db | Prisma.TransactionClient;

export type TotpVerdict = "ok" | "wrong" | "replayed";

export const TOTP_REPLAYED_MESSAGE = "This code was already used; wait for the next one from your authenticator app";

/** Only steps later than the last accepted one may be spent. */
const unspent = (step: number): Prisma.UserWhereInput => ({ OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] });

/**
 * Checks `code` against the user's sealed secret and spends its step; `extra` is written in the
 * same conditional update (e.g. enabling two-factor), so it only happens when the code is spent.
 */
export async function spendTotpCode(
  db: DbOrTx,
  user: { id: string; totpSecret: string },
  code: string,
  opts: { where?: Prisma.UserWhereInput; extra?: Prisma.UserUpdateManyMutationInput; now?: number } = {},
): Promise<TotpVerdict> {
  const step = matchTotpStep(openSecret(user.totpSecret), code, opts.now);
  if (step === null) return "wrong";
  const { count } = await db.user.updateMany({
    where: { AND: [{ id: user.id }, opts.where ?? {}, unspent(step)] },
    data: { ...opts.extra, totpLastStep: step },
  });
  return count === 1 ? "ok" : "replayed";
}

export async function beginTotpEnrolment(db: Db, user: { id: string; name: string }) {
  const row = userRows.parse(await db.user.findUniqueOrThrow({ where: { id: user.id } }));
  if (row.totpEnabled) throw new DomainError("conflict", "Two-factor authentication is already on");
  const secret = generateTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpSecret: sealSecret(secret) } });
  return { secret, uri: totpUri(secret, row.username) };
}

export async function confirmTotpEnrolment(db: Db, user: { id: string; name: string }, code: string, meta: AuditOrigin) {
  const row = userRows.parse(await db.user.findUniqueOrThrow({ where: { id: user.id } }));
  if (row.totpEnabled) throw new DomainError("conflict", "Two-factor authentication is already on");
  if (!row.totpSecret) throw new DomainError("bad_request", "Start two-factor set-up first");
  const totpSecret = row.totpSecret;
  await db.$transaction(async (tx) => {
    // Conditional on the same secret still being the pending one and two-factor still off.
    const verdict = await spendTotpCode(tx, { id: user.id, totpSecret }, code, { where: { totpEnabled: false, totpSecret }, extra: { totpEnabled: true } });
    if (verdict === "replayed") throw new DomainError("invalid", TOTP_REPLAYED_MESSAGE, { issues: [{ path: "code", message: "code already used" }] });
    if (verdict === "wrong") throw new DomainError("invalid", "The code does not match; check the time on your phone", { issues: [{ path: "code", message: "wrong code" }] });
    await recordAudit(tx, { actor: { type: "user", id: user.id, name: user.name }, action: "auth.totp.enable", target: { type: "user", id: user.id }, meta });
  });
}

export async function disableTotp(db: Db, user: { id: string; name: string }, input: { password: string; code: string }, meta: AuditOrigin) {
  const row = userRows.parse(await db.user.findUniqueOrThrow({ where: { id: user.id } }));
  if (!row.totpEnabled || !row.totpSecret) throw new DomainError("conflict", "Two-factor authentication is off");
  const totpSecret = row.totpSecret;
  if (!(await verifyPassword(input.password, row.passwordHash))) throw new DomainError("forbidden", "Password or code is wrong");
  await db.$transaction(async (tx) => {
    const verdict = await spendTotpCode(tx, { id: user.id, totpSecret }, input.code, { where: { totpEnabled: true, totpSecret }, extra: { totpEnabled: false, totpSecret: null } });
    if (verdict === "replayed") throw new DomainError("forbidden", TOTP_REPLAYED_MESSAGE);
    if (verdict === "wrong") throw new DomainError("forbidden", "Password or code is wrong");
    await recordAudit(tx, { actor: { type: "user", id: user.id, name: user.name }, action: "auth.totp.disable", target: { type: "user", id: user.id }, meta });
  });
}
