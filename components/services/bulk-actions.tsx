// Bulk actions on the selected services: start, stop, restart, deploy or delete, each confirmed;
// the outcome is listed per service (one failing does not hide the others').
"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { useApi, errorMessage } from "@/lib/client/api";
import type { BulkAction, BulkResult } from "@/lib/agents/schemas";

const VERB: Record<BulkAction, string> = { start: "Start", stop: "Stop", restart: "Restart", deploy: "Deploy", delete: "Delete" };
const CONSEQUENCE: Record<BulkAction, string> = {
  start: "Each service's container is started.",
  stop: "Each service stops answering until it is started again. A deliberate stop is shown as Stopped, not as a crash.",
  restart: "Each service's container is restarted; it is briefly unavailable.",
  deploy: "Each service is rolled out again on its host with its current settings.",
  delete: "Each service's definition is removed from Homeport. This cannot be undone.",
};

export function BulkActions({ selected, onDone }: { selected: { id: string; name: string }[]; onDone: (result: BulkResult | null) => void }) {
  const api = useApi();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [removeContainer, setRemoveContainer] = useState(true);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const run = useMutation({
    mutationFn: (a: BulkAction) =>
      api.post<BulkResult>("/api/v1/services/bulk", { action: a, ids: selected.map((s) => s.id), ...(a === "delete" ? { removeContainer, removeVolumes } : {}) }),
    onSuccess: (r) => {
      setAction(null);
      onDone(r);
    },
  });
  const n = selected.length;
  const names = selected.map((s) => s.name).join(", ");
  return (
    <div role="toolbar" aria-label="Actions on the selected services" className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-indigo-50/60 px-5 py-2 dark:border-zinc-800 dark:bg-indigo-950/30">
      <span className="mr-1 text-sm font-medium">{n} selected</span>
      {(["start", "stop", "restart", "deploy"] as const).map((a) => (
        <Button key={a} size="sm" variant="secondary" onClick={() => setAction(a)}>
          {VERB[a]}
        </Button>
      ))}
      <Button size="sm" variant="danger" onClick={() => setAction("delete")}>
        Delete
      </Button>
      <Button size="sm" variant="ghost" onClick={() => onDone(null)}>
        Clear selection
      </Button>
      <ConfirmDialog
        open={action !== null}
        onClose={() => setAction(null)}
        onConfirm={() => action && run.mutate(action)}
        title={action ? `${VERB[action]} ${n} service${n === 1 ? "" : "s"}?` : ""}
        description={action ? CONSEQUENCE[action] : undefined}
        confirmLabel={action ? `${VERB[action]} ${n}` : "OK"}
        pending={run.isPending}
        error={run.error ? <Alert tone="error">{errorMessage(run.error)}</Alert> : undefined}
      >
        <p className="text-sm break-words text-zinc-600 dark:text-zinc-300">{names}</p>
        {action === "delete" && (
          <fieldset className="space-y-2 text-sm">
            <legend className="sr-only">What else to remove</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" className="size-4 accent-indigo-600" checked={removeContainer} onChange={(e) => setRemoveContainer(e.target.checked)} />
              Remove their containers (and free their published ports)
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" className="size-4 accent-indigo-600" checked={removeVolumes} onChange={(e) => setRemoveVolumes(e.target.checked)} />
              Remove their named volumes (their data is lost)
            </label>
          </fieldset>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** What a bulk action did, per service. */
export function BulkOutcome({ result, onClose }: { result: BulkResult; onClose: () => void }) {
  const failed = result.results.filter((r) => !r.ok).length;
  return (
    <div className="border-b border-zinc-200 px-5 py-3 dark:border-zinc-800" role="status" data-testid="bulk-outcome">
      <Alert tone={failed > 0 ? "warning" : "success"} title={failed > 0 ? `${failed} of ${result.results.length} did not succeed` : `Done for ${result.results.length} service${result.results.length === 1 ? "" : "s"}`}>
        <ul className="mt-1 space-y-0.5 text-sm">
          {result.results.map((r) => (
            <li key={r.id}>
              <span className="font-medium">{r.name ?? r.id}</span>: {r.ok ? r.message : <span className="text-red-700 dark:text-red-400">{r.message}</span>}
            </li>
          ))}
        </ul>
        <button type="button" className="mt-2 text-xs font-medium underline" onClick={onClose}>
          Dismiss
        </button>
      </Alert>
    </div>
  );
}
