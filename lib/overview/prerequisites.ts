// What a first route needs before it can work: a DNS provider for the hostname's record and a
// reachable Caddy for the proxy entry (the empty Routes page names them, with links).
import type { Db } from "@/lib/db";

export interface RoutePrerequisites {
  dnsProviders: number;
  /** Caddy's last known status: ok | unreachable | rejected | unknown (never checked). */
  caddyStatus: string;
}

export async function routePrerequisites(db: Db): Promise<RoutePrerequisites> {
  const [dnsProviders, ingress] = await Promise.all([db.dnsProvider.count(), db.ingressSettings.findUnique({ where: { id: "default" }, select: { status: true } })]);
  return { dnsProviders, caddyStatus: ingress?.status ?? "unknown" };
}
