// Who is asking, as far as the network tells: the client address (set by server.ts from the
// socket, or from X-Forwarded-For when HOMEPORT_TRUST_PROXY is on) and the user agent.
import { getConfig } from "@/lib/config";
import type { AuditOrigin } from "@/lib/audit";

/** Header set by server.ts on every request; any client-supplied copy is removed there. */
export const CLIENT_IP_HEADER = "x-homeport-client-ip";

/** The request's origin for the audit trail (lib/audit's AuditOrigin), and whether it came over TLS. */
export interface RequestMeta extends AuditOrigin {
  secure: boolean;
}

export function requestMeta(req: Request): RequestMeta {
  const h = req.headers;
  let ip = h.get(CLIENT_IP_HEADER);
  const cfg = getConfig();
  if (cfg.trustProxy) {
    // The last entry is the one our proxy appended; earlier ones are whatever the client sent.
    const fwd = h.get("x-forwarded-for")?.split(",").pop()?.trim();
    if (fwd) ip = fwd;
  }
  const proto = cfg.trustProxy ? h.get("x-forwarded-proto") : null;
  const secure =
    cfg.secureCookies === "always" ||
    (cfg.secureCookies === "auto" && (proto === "https" || new URL(req.url).protocol === "https:"));
  return { ip: ip ? ip.replace(/^::ffff:/, "").slice(0, 64) : null, userAgent: h.get("user-agent")?.slice(0, 256) ?? null, secure };
}

const HOST_RE = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The origin the browser used to reach the dashboard (Host header, or X-Forwarded-Host/-Proto
 * behind a trusted proxy), for links and commands shown to the user. Next's `req.url` behind the
 * custom server names the bind address (e.g. localhost), not what the user typed.
 */
export function publicOrigin(req: Request): string {
  const h = req.headers;
  const cfg = getConfig();
  const fallback = new URL(req.url);
  const host = (cfg.trustProxy ? h.get("x-forwarded-host")?.split(",")[0]?.trim() : null) || h.get("host");
  const proto = (cfg.trustProxy ? h.get("x-forwarded-proto")?.split(",")[0]?.trim() : null) || fallback.protocol.replace(/:$/, "");
  if (!host || !HOST_RE.test(host) || (proto !== "http" && proto !== "https")) return fallback.origin;
  return `${proto}://${host}`;
}
