// A service's egress proof: "No egress — verified 2 minutes ago" (green), "Egress proof failed:
// reached … " (red, first), "Not verified" with why (amber), or "Not verified yet". One query for
// every proof (GET /api/v1/egress-proofs), kept current from the live stream; shared by the
// service page (the panel) and the stack page's rows (the badge).
"use client";

import { useState } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { EgressProofView, EgressProofsView } from "@/lib/probes/egress-proof-schemas";
import type { LiveEvent, LiveEventType } from "@/lib/events/schemas";
import { errorMessage, useApi } from "@/lib/client/api";
import { useLiveRefetch } from "@/lib/client/live";
import { useCan } from "@/components/auth/role-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { cn } from "@/components/ui/cn";

export const EGRESS_PROOFS_QUERY_KEY = ["egress-proofs"] as const;
const TYPES: readonly LiveEventType[] = ["checks/status", "checks/results", "deploy/status"];
/** Result batches come often on a busy lab; one refetch per this gap is enough here. */
const RESULTS_GAP_MS = 2_000;
const gapFor = (e: LiveEvent): number | null => (e.type === "checks/results" ? RESULTS_GAP_MS : 0);

export function useEgressProofs() {
  const api = useApi();
  const q = useQuery({ queryKey: EGRESS_PROOFS_QUERY_KEY, queryFn: ({ signal }) => api.get<EgressProofsView>("/api/v1/egress-proofs", signal) });
  useLiveRefetch({ queryKey: EGRESS_PROOFS_QUERY_KEY, types: TYPES, gapFor });
  return q;
}

/** What answered, without the agent's lead-in ("Egress is open: "). */
const finding = (m: string | null) => (m ?? "").replace(/^Egress is open:\s*/, "").replace(/^Not verified:\s*/, "");

const tones = {
  verified: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
  unknown: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200",
  pending: "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300",
} as const;

function Headline({ proof }: { proof: EgressProofView | undefined }) {
  if (!proof || proof.state === "pending") return <>Not verified yet: the egress proof runs after the next deploy and then hourly.</>;
  const at = proof.lastAt ? <Time iso={proof.lastAt} /> : null;
  if (proof.state === "verified") return <>No egress — verified {at}</>;
  if (proof.state === "failed") return <>Egress proof failed: {finding(proof.message)}{at && <> — {at}</>}</>;
  return <>Egress not verified: {finding(proof.message) || "the proof could not run"}{at && <> — {at}</>}</>;
}

/**
 * The service page's panel, for a service that is offline or has a proof (one switched to open
 * keeps its proof, which then fails). Nothing for an open service without one.
 */
export function EgressProofStatus({ serviceId, egress, hasHost }: { serviceId: string; egress: "open" | "offline"; hasHost: boolean }) {
  const { data, isPending } = useEgressProofs();
  const api = useApi();
  const qc = useQueryClient();
  const canWrite = useCan("write");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const proof = data?.proofs.find((p) => p.serviceId === serviceId);
  if (isPending || (!proof && egress !== "offline")) return null;
  const state = proof?.state ?? "pending";
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/services/${serviceId}/egress-proof`);
      await qc.invalidateQueries({ queryKey: EGRESS_PROOFS_QUERY_KEY, exact: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Egress proof" role={state === "failed" ? "alert" : "status"} className={cn("rounded-xl border p-4 text-sm shadow-sm", tones[state])} data-egress-proof={state}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="min-w-0 font-medium break-words">
          <Headline proof={proof} />
        </p>
        {canWrite && hasHost && (
          <Button variant="secondary" size="sm" loading={busy} onClick={() => void verify()}>
            Verify now
          </Button>
        )}
      </div>
      {state === "failed" && (
        <p className="mt-1">
          {egress === "open" ? "Its egress is set to open: set it back to offline and redeploy if it is meant to be fenced." : "A service meant to be fenced has a way out: check its networks and the host's firewall."}{" "}
          <Link href={`/reachability/checks/${proof!.checkId}`} className="font-medium underline">Open the check</Link>
        </p>
      )}
      {state === "verified" && proof?.message && <p className="mt-1 text-xs opacity-80">{proof.message}</p>}
      {error && <p className="mt-1 text-red-700 dark:text-red-300" role="alert">{error}</p>}
    </section>
  );
}

/** The same state in a badge, for a stack's service rows. Nothing when the service has no proof. */
export function EgressProofBadge({ serviceId }: { serviceId: string }) {
  const { data } = useEgressProofs();
  const proof = data?.proofs.find((p) => p.serviceId === serviceId);
  if (!proof) return null;
  if (proof.state === "verified") return <Badge className="ml-1" tone="success">No egress</Badge>;
  if (proof.state === "failed") return <Badge className="ml-1" tone="danger">Egress proof failed</Badge>;
  if (proof.state === "unknown") return <Badge className="ml-1" tone="warning">Egress not verified</Badge>;
  return <Badge className="ml-1" tone="neutral">Egress not verified yet</Badge>;
}
