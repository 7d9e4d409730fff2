// OpenAPI paths of the egress proof (a service meant to be offline proven to have no way out).
// Spread into probesOpenApiPaths().
import { errors, idParam, ok, type Json } from "../openapi-helpers";
import { EgressProofSchema, EgressProofsSchema } from "@/lib/probes";

export function egressProofOpenApiPaths(): Json {
  const tags = ["checks"];
  return {
    "/egress-proofs": {
      get: { tags, summary: "Every service's egress proof: verified (nothing reachable), failed (something answered; an incident is open), unknown (e.g. its container is stopped) or pending, with when it last ran and what it found", responses: { ...ok(EgressProofsSchema), ...errors(401, 403) } },
    },
    "/services/{id}/egress-proof": {
      parameters: [idParam],
      post: { tags, summary: "Runs the service's egress proof now on its host's agent (made first for an offline service without one); 409 when the service has no host or no proof, 503 when its agent is offline", responses: { ...ok(EgressProofSchema), ...errors(401, 403, 404, 409, 503) } },
    },
  };
}
