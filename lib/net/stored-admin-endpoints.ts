// Reads the admin APIs Homeport is configured to drive (Ingress settings' Caddy, self-hosted
// edges) from the database, remembers them for the address guard and returns the full list.
import type { Db } from "@/lib/db";
import { knownAdminEndpoints, rememberAdminEndpoint } from "./admin-endpoints";
import type { AdminEndpoint } from "./address-guard";

export const INGRESS_ADMIN_WHAT = "Caddy's admin API (Ingress settings)";
export const EDGE_ADMIN_WHAT = "a self-hosted edge's admin API";

export async function loadAdminEndpoints(db: Db): Promise<AdminEndpoint[]> {
  const [settings, edges] = await Promise.all([
    db.ingressSettings.findUnique({ where: { id: "default" }, select: { adminUrl: true } }),
    db.tunnel.findMany({ where: { kind: "caddy-edge" }, select: { apiBaseUrl: true } }),
  ]);
  if (settings) rememberAdminEndpoint(settings.adminUrl, INGRESS_ADMIN_WHAT);
  for (const e of edges) if (e.apiBaseUrl) rememberAdminEndpoint(e.apiBaseUrl, EDGE_ADMIN_WHAT);
  return knownAdminEndpoints();
}
