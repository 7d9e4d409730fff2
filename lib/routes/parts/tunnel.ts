// The tunnel part of a route: applying every tunnel's ingress rules through lib/tunnel (remote
// tunnels through their provider's API, local ones by redeploying cloudflared on their host
// through the env's deployer). The rules are derived from all routes, so the apply (this route's
// rule in place) and the cleanup after a delete (its rule gone) are the same convergence.
import { rootCertificateIfAvailable } from "@/lib/ingress";
import { applyTunnel, listTunnels } from "@/lib/tunnel";
import type { PartDerivation } from "../derive";
import type { PartOutcome } from "../reconcile";
import type { RouteRecord } from "../record";
import { errorText, problemsOf, type PartEnv } from "./env";

/** Applies every tunnel; a failure lists each tunnel that did not end up ok. */
export async function convergeTunnels(env: PartEnv, summary: string | null): Promise<PartOutcome> {
  const tunnels = await listTunnels(env.db);
  // Locally run cloudflared trusts the LAN proxy's root CA (it dials the proxy over TLS).
  const rootCa = tunnels.some((t) => t.mode === "local") ? await rootCertificateIfAvailable(env.db).catch(() => null) : null;
  const problems: string[] = [];
  for (const t of tunnels) {
    try {
      const r = await applyTunnel(env.db, t.id, env.actor, env.meta, rootCa, { deployer: env.deployer });
      if (r.status.status !== "ok") problems.push(`${t.name}: ${r.status.status}${r.status.detail ? ` — ${r.status.detail}` : ""}`);
    } catch (err) {
      problems.push(`${t.name}: ${errorText(err)}`);
    }
  }
  return problems.length > 0 ? { ok: false, message: problems.join("; ") } : { ok: true, message: summary };
}

export const applyTunnelPart = (env: PartEnv, _route: RouteRecord, d: PartDerivation): Promise<PartOutcome> => convergeTunnels(env, d.summary);

/** Cleanup's tunnel step; the problems, [] when clean. */
export const cleanupTunnels = (env: PartEnv): Promise<string[]> => problemsOf(convergeTunnels(env, null));
