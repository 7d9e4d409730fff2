// What the dashboard shows of each service's egress proof (browser-safe: schemas only).
import { z } from "zod";

export const EGRESS_PROOF_STATES = ["verified", "failed", "unknown", "pending"] as const;

export const EgressProofSchema = z.object({
  serviceId: z.string(),
  checkId: z.string(),
  state: z.enum(EGRESS_PROOF_STATES).describe("verified: nothing reachable; failed: something answered (an incident is open); unknown: could not run (e.g. the container is stopped); pending: not run yet"),
  lastAt: z.string().datetime().nullable().describe("When the proof last ran"),
  message: z.string().nullable().describe("What the last run found: what it tried, or what answered"),
  since: z.string().datetime().nullable().describe("Since when the proof has been in this state"),
});
export type EgressProofView = z.infer<typeof EgressProofSchema>;

export const EgressProofsSchema = z.object({ proofs: z.array(EgressProofSchema) });
export type EgressProofsView = z.infer<typeof EgressProofsSchema>;
