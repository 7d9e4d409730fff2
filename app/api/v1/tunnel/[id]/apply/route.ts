// POST: writes the rules through the provider's API (remote mode) or generates cloudflared's
// config and deploys cloudflared through the host's agent (local mode; `handOff` says how it went).
import { route, json, parseParam } from "@/lib/api";
import { agentTunnelDeployer } from "@/lib/agents";
import { actorForAudit } from "@/lib/auth";
import { IdParamSchema } from "@/lib/inventory";
import { rootCertificateIfAvailable } from "@/lib/ingress";
import { applyTunnel } from "@/lib/tunnel";

type P = { id: string };

export const POST = route<P>("write", async ({ db, params, actor, meta }) => {
  const id = parseParam(params.id, IdParamSchema, "Tunnel");
  return json(await applyTunnel(db, id, actorForAudit(actor), meta, await rootCertificateIfAvailable(db), { deployer: agentTunnelDeployer }));
});
