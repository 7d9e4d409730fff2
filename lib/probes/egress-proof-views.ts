// The egress proofs as the service and stack pages show them: one per service that has one, from
// its check and the one cell its host's agent reports.
import type { Db } from "@/lib/db";
import type { EgressProofView, EgressProofsView } from "./egress-proof-schemas";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function listEgressProofs(db: Db, serviceId?: string): Promise<EgressProofsView> {
  const checks = await db.check.findMany({
    where: { type: "egress", sourceKey: serviceId ? `egress:${serviceId}` : { startsWith: "egress:" } },
    select: { id: true, sourceKey: true, status: true, statusSince: true, states: { orderBy: { lastAt: "desc" }, take: 1, select: { status: true, message: true, lastAt: true } } },
  });
  const proofs = checks.map((c): EgressProofView => {
    const cell = c.states[0];
    const state = !cell?.lastAt ? "pending" : c.status === "up" ? "verified" : c.status === "down" || c.status === "degraded" ? "failed" : "unknown";
    return { serviceId: c.sourceKey!.slice("egress:".length), checkId: c.id, state, lastAt: iso(cell?.lastAt), message: cell?.message ?? null, since: iso(c.statusSince) };
  });
  return { proofs };
}
