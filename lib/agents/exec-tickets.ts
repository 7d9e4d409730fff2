// Console tickets: POST /services/:id/exec (admin, CSRF-checked) checks the service and its host and
// issues a short-lived single-use ticket; the browser's WebSocket upgrade then presents it with its
// session cookie (or bearer token), the session's CSRF token and a same-site Origin.
import type { IncomingMessage } from "node:http";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import { type AuditActor, type AuditOrigin } from "@/lib/audit";
import { SESSION_COOKIE, readCookie, resolveSession, scopeCovers, sessionScopes, verifyApiToken, type Actor } from "@/lib/auth";
import { safeEqual } from "@/lib/auth/tokens";
import { getServiceOrThrow } from "@/lib/inventory";
import { HostPolicySchema, MAX_EXEC_SESSIONS_PER_AGENT, type ConsoleOpenInput } from "@/lib/protocol";
import { serviceContainer } from "./operations";
import { getAgentHub } from "./hub";

/** Path of the browser's console WebSocket (server.ts routes upgrades here). */
export const EXEC_WS_PATH = "/api/v1/exec/connect";
export const EXEC_TICKET_TTL_MS = 30_000;
/** Consoles one user may have open at once (all hosts). */
export const MAX_EXEC_SESSIONS_PER_USER = 3;
const MAX_TICKETS = 100;


/** Who holds a ticket: the same browser session or the same API token must present it. */
type Principal = { type: "user"; sessionId: string } | { type: "token"; tokenId: string };

export interface ExecTicket {
  serviceId: string;
  serviceName: string;
  hostId: string;
  containerId: string;
  containerName: string;
  input: ConsoleOpenInput;
  actor: AuditActor & { id: string };
  userId: string;
  principal: Principal;
  meta: AuditOrigin;
  expiresAt: number;
}

const principalOf = (a: Actor): Principal => (a.type === "user" ? { type: "user", sessionId: a.sessionId } : { type: "token", tokenId: a.tokenId });
const samePrincipal = (a: Principal, b: Principal) =>
  a.type === "user" ? b.type === "user" && a.sessionId === b.sessionId : b.type === "token" && a.tokenId === b.tokenId;

export class ExecTickets {
  private readonly tickets = new Map<string, ExecTicket>();

  issue(t: ExecTicket): string {
    this.prune();
    if (this.tickets.size >= MAX_TICKETS) throw new DomainError("rate_limited", "Too many consoles are being opened; try again in a moment");
    const id = randomBytes(24).toString("base64url");
    this.tickets.set(id, t);
    return id;
  }

  /** Single use: the ticket is gone once taken, whatever happens next. */
  take(id: string): ExecTicket | null {
    const t = this.tickets.get(id);
    this.tickets.delete(id);
    return t && t.expiresAt > Date.now() ? t : null;
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(id);
  }
}

/** Checks what the POST can know before a socket exists: the service's container runs, its agent is online and allows exec. */
export async function prepareConsole(db: Db, serviceId: string, input: ConsoleOpenInput, actor: Actor, meta: AuditOrigin, openForUser: number): Promise<ExecTicket> {
  const service = await getServiceOrThrow(db, serviceId);
  const container = await serviceContainer(db, service);
  if (!service.hostId || !container) throw new DomainError("conflict", `Service "${service.name}" has no container yet; deploy it first`);
  if (container.state !== "running") throw new DomainError("conflict", `The container of "${service.name}" is ${container.state}; start it to open a console`);
  getAgentHub().requireSession(service.hostId, service.hostName ?? "the host");
  const host = await db.host.findUnique({ where: { id: service.hostId }, select: { agentPolicy: true } });
  const policy = host?.agentPolicy ? HostPolicySchema.safeParse(JSON.parse(host.agentPolicy)) : null;
  if (policy?.success && !policy.data.allowExec) {
    throw new DomainError("forbidden", `The owner of ${service.hostName ?? "this host"} turned consoles off (the agent runs with --deny-exec)`);
  }
  if (openForUser >= MAX_EXEC_SESSIONS_PER_USER) throw new DomainError("rate_limited", `You already have ${MAX_EXEC_SESSIONS_PER_USER} consoles open; close one first`);
  return {
    serviceId: service.id,
    serviceName: service.name,
    hostId: service.hostId,
    containerId: container.containerId,
    containerName: container.name,
    input,
    actor: actor.type === "user" ? { type: "user", id: actor.userId, name: actor.username } : { type: "token", id: actor.tokenId, name: actor.username },
    userId: actor.userId,
    principal: principalOf(actor),
    meta,
    expiresAt: Date.now() + EXEC_TICKET_TTL_MS,
  };
}

export { MAX_EXEC_SESSIONS_PER_AGENT };

/**
 * Authenticates a console upgrade: the ticket's own principal (browser session or API token, still
 * valid and still admin), the CSRF token of that session, and an Origin naming this host. Returns
 * the refusal's HTTP status and reason, or the ticket.
 */
export async function authorizeUpgrade(db: Db, req: IncomingMessage, tickets: ExecTickets): Promise<{ ok: true; ticket: ExecTicket } | { ok: false; status: number; reason: string }> {
  const url = new URL(req.url ?? "/", "http://x");
  const origin = req.headers.origin;
  const host = getConfig().trustProxy && typeof req.headers["x-forwarded-host"] === "string" ? req.headers["x-forwarded-host"] : req.headers.host;
  if (origin !== undefined) {
    let originHost = "";
    try {
      originHost = new URL(origin).host;
    } catch {
      // not a URL: refused below
    }
    if (!host || originHost !== host) return { ok: false, status: 403, reason: "cross-origin console refused" };
  }
  let principal: Principal;
  let scopes;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (bearer) {
    const t = await verifyApiToken(db, bearer);
    if (!t) return { ok: false, status: 401, reason: "invalid API token" };
    principal = { type: "token", tokenId: t.tokenId };
    scopes = t.scopes;
  } else {
    const cookie = readCookie(req.headers.cookie ?? null, SESSION_COOKIE);
    const s = cookie ? await resolveSession(db, cookie, { ttlMs: getConfig().sessionTtlMs, rotate: false }) : null;
    if (!s) return { ok: false, status: 401, reason: "sign in first" };
    // A browser always sends Origin on a WebSocket; without it this is not a browser we can vouch for.
    if (origin === undefined) return { ok: false, status: 403, reason: "Origin header required" };
    const csrf = url.searchParams.get("csrf") ?? "";
    if (!csrf || !safeEqual(csrf, s.csrfToken)) return { ok: false, status: 403, reason: "missing or wrong CSRF token" };
    principal = { type: "user", sessionId: s.id };
    scopes = sessionScopes(s.role);
  }
  if (!scopeCovers(scopes, "admin")) return { ok: false, status: 403, reason: "consoles need the admin scope" };
  const ticket = tickets.take(url.searchParams.get("ticket") ?? "");
  if (!ticket || !samePrincipal(ticket.principal, principal)) return { ok: false, status: 403, reason: "unknown, used or expired console ticket" };
  return { ok: true, ticket };
}
