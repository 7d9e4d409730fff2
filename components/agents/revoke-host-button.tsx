// "Revoke" for a host: after confirmation the agent's identity stops working and its live
// connection is cut at once (the host stays in the inventory, marked revoked).
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useApi, errorMessage } from "@/lib/client/api";
import type { HostStatusView } from "@/lib/agents/schemas";
import { agentQueryKeys } from "./agent-live";

export function RevokeHostButton({ hostId, hostName, onRevoked }: { hostId: string; hostName: string; onRevoked?: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api.post<HostStatusView>(`/api/v1/hosts/${hostId}/revoke`, {}),
    onSuccess: (status) => {
      qc.setQueryData(agentQueryKeys.hostStatus(hostId), status);
      void qc.invalidateQueries({ queryKey: ["hosts"] });
      setOpen(false);
      onRevoked?.();
    },
  });
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)}>Revoke</Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => revoke.mutate()}
        title={`Revoke ${hostName}?`}
        description="Its agent is disconnected now and can no longer sign in. To bring the host back, enroll it again with a new token."
        confirmLabel="Revoke"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : undefined}
      />
    </>
  );
}
