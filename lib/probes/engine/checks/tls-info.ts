// Certificate facts shared by the https and tls checks: expiry, issuer, days left, and the
// verdict when a certificate has expired or expires too soon.
import type { PeerCertificate, TLSSocket } from "node:tls";
import type { CheckResult } from "../schemas";

const DAY_MS = 86_400_000;

export type TlsInfo = NonNullable<CheckResult["tls"]>;

export function tlsInfo(socket: TLSSocket, now = Date.now()): TlsInfo | null {
  const cert: PeerCertificate | Record<string, never> = socket.getPeerCertificate();
  if (!cert || !("valid_to" in cert) || !cert.valid_to) return null;
  const expires = new Date(cert.valid_to);
  const issuer = cert.issuer ? [cert.issuer.O, cert.issuer.CN].filter(Boolean).join(" / ") : "";
  return { expiresAt: expires.toISOString(), issuer: issuer || "unknown", daysLeft: Math.floor((expires.getTime() - now) / DAY_MS) };
}

/** Why the certificate fails the check (expired, or fewer than `minDays` left), or null. */
export function tlsExpiryProblem(info: TlsInfo | null, minDays: number, now = Date.now()): string | null {
  if (!info) return null;
  const left = new Date(info.expiresAt).getTime() - now;
  if (left <= 0) return `certificate expired on ${info.expiresAt.slice(0, 10)}`;
  if (minDays > 0 && left < minDays * DAY_MS) return `certificate expires in ${info.daysLeft} day(s), fewer than ${minDays}`;
  return null;
}
