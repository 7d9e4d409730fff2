// GET /api/v1/egress-proofs — every service's egress proof: verified, failed, unknown or pending,
// when it last ran and what it found.
import { route, json } from "@/lib/api";
import { listEgressProofs } from "@/lib/probes";

export const GET = route("read", async ({ db }) => json(await listEgressProofs(db)));
