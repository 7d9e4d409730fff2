// Enrollment: one-time tokens (shown once, stored as SHA-256, expiring, single use) exchanged by
// a new agent for its identity: a Host row and an agent secret of which only the hash is kept.
import type { Db } from "@/lib/db";
import { DomainError, conflict, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { randomToken, sha256 } from "@/lib/auth/tokens";
import { assertAddressAllowed, refuseUnauthenticated } from "@/lib/auth";
import { z } from "zod";
import { EnrollmentCreateSchema, EnrollRequestSchema, type EnrollmentCreated, type EnrollmentView } from "./schemas";
import { toEnrollmentView } from "./views";

export const ENROLLMENT_TOKEN_PREFIX = "hpe_";
export const AGENT_SECRET_PREFIX = "hpa_";
const REFUSED = "The enrollment token is invalid, already used or expired; create a new one on the Hosts page";

export function agentCommands(serverUrl: string, token: string): { command: string; dockerCommand: string } {
  return {
    command: `npm run agent -- --server ${serverUrl} --token ${token}`,
    dockerCommand:
      `docker run -d --name homeport-agent --restart unless-stopped -v /var/run/docker.sock:/var/run/docker.sock ` +
      `-v homeport-agent:/state -e HOMEPORT_AGENT_STATE_DIR=/state homeport:local node --import tsx agents/main.ts --server ${serverUrl} --token ${token}`,
  };
}

export async function createEnrollmentToken(
  db: Db,
  input: z.input<typeof EnrollmentCreateSchema>,
  serverUrl: string,
  actor: AuditActor,
  meta: AuditOrigin,
  now = new Date(),
): Promise<EnrollmentCreated> {
  const { name, ttlMinutes } = EnrollmentCreateSchema.parse(input);
  const token = `${ENROLLMENT_TOKEN_PREFIX}${randomToken()}`;
  return db.$transaction(async (tx) => {
    if (await tx.host.findUnique({ where: { name } })) throw conflict(`A host named "${name}" already exists`);
    const row = await tx.enrollmentToken.create({
      data: { tokenHash: sha256(token), name, createdById: actor.id ?? null, expiresAt: new Date(now.getTime() + ttlMinutes * 60_000) },
    });
    await recordAudit(tx, { actor, action: "enrollment.create", target: { type: "enrollment", id: row.id }, details: { name, ttlMinutes }, meta });
    return { ...toEnrollmentView(row), token, ...agentCommands(serverUrl, token) };
  });
}

export async function listEnrollmentTokens(db: Db, now = new Date()): Promise<EnrollmentView[]> {
  const rows = await db.enrollmentToken.findMany({ where: { usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map(toEnrollmentView);
}

export async function deleteEnrollmentToken(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.enrollmentToken.findUnique({ where: { id } });
    if (!row) throw notFound("Enrollment token");
    await tx.enrollmentToken.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "enrollment.delete", target: { type: "enrollment", id }, details: { name: row.name }, meta });
  });
}

/**
 * Spends a token: exactly one caller wins even under concurrency (conditional update). Refusals
 * are throttled per address (429 with Retry-After once its attempts are spent) and folded into one
 * audit row per address and reason.
 */
export async function exchangeEnrollmentToken(
  db: Db,
  input: z.input<typeof EnrollRequestSchema>,
  meta: Pick<AuditOrigin, "ip" | "userAgent">,
  now = new Date(),
): Promise<{ agentId: string; secret: string; hostName: string }> {
  assertAddressAllowed("enroll", meta.ip);
  const { token, hostname, agentVersion } = EnrollRequestSchema.parse(input);
  const secret = `${AGENT_SECRET_PREFIX}${randomToken()}`;
  const refused = async (reason: string) => {
    await refuseUnauthenticated(db, "enroll", { action: "host.enroll.refused", reason, details: { hostname }, meta });
    return new DomainError("unauthorized", REFUSED);
  };
  if (!token.startsWith(ENROLLMENT_TOKEN_PREFIX)) throw await refused("malformed");
  const row = await db.enrollmentToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row) throw await refused("unknown");
  if (row.usedAt) throw await refused("reused");
  if (row.expiresAt <= now) throw await refused("expired");
  const result = await db.$transaction(async (tx) => {
    const spent = await tx.enrollmentToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (spent.count !== 1) return null;
    if (await tx.host.findUnique({ where: { name: row.name } })) throw conflict(`A host named "${row.name}" already exists`);
    const host = await tx.host.create({
      data: { name: row.name, hostname, version: agentVersion, agentSecretHash: sha256(secret), enrolledAt: now },
    });
    await tx.enrollmentToken.update({ where: { id: row.id }, data: { hostId: host.id } });
    await recordAudit(tx, {
      actor: { type: "agent", id: host.id, name: host.name },
      action: "host.enroll",
      target: { type: "host", id: host.id },
      details: { hostname, agentVersion, enrollmentId: row.id },
      meta,
    });
    return { agentId: host.id, secret, hostName: host.name };
  });
  if (!result) throw await refused("reused");
  return result;
}

/** Checks `<agentId>.<secret>` from the agent's Authorization header; null when refused. */
export async function verifyAgentCredentials(db: Db, bearer: string) {
  const m = /^([a-z0-9]{8,40})\.(hpa_[A-Za-z0-9_-]{20,128})$/i.exec(bearer);
  if (!m?.[1] || !m[2]) return null;
  const host = await db.host.findUnique({ where: { id: m[1] } });
  if (!host || host.revokedAt || !host.agentSecretHash || host.agentSecretHash !== sha256(m[2])) return null;
  return host;
}
