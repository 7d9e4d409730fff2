// Listing, issuing and revoking a user's API tokens (the admin-facing side of api-tokens.ts).
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { DomainError, notFound } from "@/lib/errors";
import { createApiToken } from "./api-tokens";
import { announceRevocation } from "./revocation";
import { apiTokenRows, userRows } from "./rows";
import { scopesAllowedFor, type ApiTokenView, type CreateApiTokenInput } from "./schemas";

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(apiTokenRows.parse).map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Creates a token for `userId`, refusing scopes the user's role does not grant (a token never exceeds its owner). */
export async function issueApiToken(db: Db, userId: string, actor: AuditActor, input: CreateApiTokenInput, meta: AuditOrigin) {
  const found = await db.user.findUnique({ where: { id: userId } });
  if (!found) throw notFound("User");
  const { role } = userRows.parse(found);
  const allowed = scopesAllowedFor(role);
  const beyond = input.scopes.filter((s) => !allowed.includes(s));
  if (beyond.length > 0) {
    throw new DomainError("forbidden", `Your role (${role}) cannot give a token the '${beyond.join("', '")}' scope; it allows ${allowed.join(", ")}`, {
      issues: [{ path: "scopes", message: `allowed: ${allowed.join(", ")}` }],
    });
  }
  const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86400_000);
  const created = await createApiToken(db, { userId, name: input.name, scopes: input.scopes, expiresAt });
  await recordAudit(db, { actor, action: "token.create", target: { type: "token", id: created.id }, details: { name: input.name, scopes: input.scopes }, meta });
  return { ...created, expiresAt: expiresAt?.toISOString() ?? null };
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string, actor: AuditActor, meta: AuditOrigin) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.deleteMany({ where: { id: tokenId, userId } });
    if (count === 0) throw notFound("API token");
    await recordAudit(tx, { actor, action: "token.revoke", target: { type: "token", id: tokenId }, meta });
  });
  // Streams opened with the token close now rather than at the next periodic check.
  announceRevocation({ kind: "token", tokenId });
}
