// Apply one service's (or one stack's) image update, after a confirmation that says what happens:
// the image is pulled, the new container must pass the health gate, and a failure rolls back.
"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { errorMessage, useApi } from "@/lib/client/api";
import { UPDATES_QUERY_KEY } from "./use-updates";

export function ApplyUpdateButton({ kind, id, name, services }: { kind: "service" | "stack"; id: string; name: string; services?: string[] }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const api = useApi();
  const toast = useToast();
  const qc = useQueryClient();

  const apply = async () => {
    setPending(true);
    setProblem(null);
    try {
      await api.post(`/api/v1/${kind === "service" ? "services" : "stacks"}/${id}/update`);
      setOpen(false);
      toast(kind === "service" ? `Updating ${name}: the rollout has started` : `Updating stack ${name}: ${services?.length ?? 0} service${services?.length === 1 ? "" : "s"}, one after the other`);
      void qc.invalidateQueries({ queryKey: UPDATES_QUERY_KEY, exact: true });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)} aria-label={`Apply the update to ${kind} ${name}`}>
        {kind === "service" ? "Apply" : "Apply all"}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => { setOpen(false); setProblem(null); }}
        onConfirm={() => void apply()}
        pending={pending}
        title={kind === "service" ? `Update ${name}?` : `Update stack ${name}?`}
        confirmLabel="Update"
        description={
          kind === "service"
            ? "Homeport pulls the image again and starts a new container beside the old one. The old one is removed only once the new one is healthy; if it is not, the old one keeps running."
            : `Homeport updates ${services?.join(", ") ?? "its services"} one after the other, each through the health gate; the first failure is rolled back and stops the rest.`
        }
        error={problem && <Alert tone="error">{problem}</Alert>}
      />
    </>
  );
}
