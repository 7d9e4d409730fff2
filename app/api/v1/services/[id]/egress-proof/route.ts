// POST /api/v1/services/:id/egress-proof — runs the service's egress proof now on its host's agent
// (made first if the service is offline and has none) and answers with the proof as it stands.
import { route, json, parseParam } from "@/lib/api";
import { getAgentHub } from "@/lib/agents";
import { IdParamSchema, getServiceOrThrow } from "@/lib/inventory";
import { listEgressProofs } from "@/lib/probes";
import { DomainError } from "@/lib/errors";

export const POST = route<{ id: string }>("write", async ({ db, params }) => {
  const id = parseParam(params.id, IdParamSchema, "Service");
  const service = await getServiceOrThrow(db, id);
  if (!service.hostId) throw new DomainError("conflict", "The service is not placed on a host: there is nothing to prove yet");
  if (!getAgentHub().isOnline(service.hostId)) throw new DomainError("unavailable", `The agent on ${service.hostName ?? "its host"} is offline; the proof runs there`);
  await getAgentHub().probes.proveEgress(id);
  const [proof] = (await listEgressProofs(db, id)).proofs;
  if (!proof) throw new DomainError("conflict", "The service has no egress proof: it is made for services whose egress is offline");
  return json(proof);
});
