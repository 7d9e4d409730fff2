// Drift: records Homeport applied that were changed or removed by hand, with one-click re-apply
// per zone (the re-apply is the zone's plan, which restores them).
"use client";

import { useCan } from "@/components/auth/role-context";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { errorMessage, useApi } from "@/lib/client/api";
import type { ApplyResultView, DriftView } from "@/lib/dns/schemas";

function ZoneDrift({ d }: { d: DriftView }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const canWrite = useCan("write");
  const reapply = useMutation({
    mutationFn: () => api.post<{ zones: ApplyResultView[] }>("/api/v1/dns/apply", { zoneId: d.zone.id }),
    onSuccess: (r) => {
      const z = r.zones[0];
      toast(z?.ok ? `Re-applied ${d.zone.name}` : `Re-apply failed: ${z?.error ?? "unknown"}`, z?.ok ? "success" : "error");
    },
    onError: (e) => toast(errorMessage(e), "error"),
    onSettled: () => qc.invalidateQueries({ queryKey: ["dns"] }),
  });
  return (
    <li className="rounded-lg border border-amber-300 p-3 dark:border-amber-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-zinc-900 dark:text-zinc-100">
          <span className="break-all">{d.zone.name}</span> <Badge tone="warning">{d.items.length} drifted</Badge>
        </p>
        {canWrite && <Button size="sm" onClick={() => reapply.mutate()} loading={reapply.isPending}>Re-apply</Button>}
      </div>
      <ul className="mt-2 space-y-1 font-mono text-xs">
        {d.items.map((i) => (
          <li key={i.name + i.type} className="break-all text-amber-900 dark:text-amber-200">
            {i.name} {i.type}: {i.kind === "removed" ? "removed by hand" : `${i.actual?.values.join(", ")} (expected ${i.expected.values.join(", ")})`}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function DriftList({ zones }: { zones: DriftView[] }) {
  const drifted = zones.filter((z) => z.items.length > 0);
  const unreadable = zones.filter((z) => z.error);
  return (
    <div className="space-y-3">
      {unreadable.map((z) => <Alert key={z.zone.id} tone="warning" title={`${z.zone.name}: not checked`}>{z.error}</Alert>)}
      {drifted.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No drift: every record Homeport applied is as it left it.</p>
      ) : (
        <ul className="space-y-2">{drifted.map((d) => <ZoneDrift key={d.zone.id} d={d} />)}</ul>
      )}
    </div>
  );
}
