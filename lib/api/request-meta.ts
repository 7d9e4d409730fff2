// Who is asking, as far as the network tells: the client address (set by server.ts from the
// socket, or from X-Forwarded-For when HOMEPORT_TRUST_PROXY is on) and the user agent.
import { getConfig } from "@/lib/config";

/** Header set by server.ts on every request; any client-supplied copy is removed there. */
export const CLIENT_IP_HEADER = "x-homeport-client-ip";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
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
