// The stack page's confirmations: start / stop / restart (the whole stack in dependency order, or
// one service), and Remove, which asks separately, with a box left unticked, about named volumes.
"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";

export type StackAction = "start" | "stop" | "restart";
export interface ActionRequest {
  action: StackAction;
  /** One service's Compose key; the whole stack when absent. */
  service?: string;
}

const VERB: Record<StackAction, string> = { start: "Start", stop: "Stop", restart: "Restart" };

/** What an action does, in words for the confirmation. */
export function actionConsequence(r: ActionRequest, stackName: string): string {
  if (r.service) {
    if (r.action === "start") return `${r.service} starts with the configuration last applied.`;
    if (r.action === "stop") return `${r.service} stops answering until it is started again; services that depend on it may fail.`;
    return `${r.service} restarts; it does not answer for a moment.`;
  }
  if (r.action === "start") return `Every service of ${stackName} starts, in dependency order.`;
  if (r.action === "stop") return `Every service of ${stackName} stops, dependents first, and stops answering until started again.`;
  return `Every service of ${stackName} restarts in dependency order; each one does not answer for a moment.`;
}

export function StackActionDialog({
  request,
  stackName,
  onClose,
  onConfirm,
  pending,
  error,
}: {
  request: ActionRequest | null;
  stackName: string;
  onClose: () => void;
  onConfirm: (r: ActionRequest) => void;
  pending: boolean;
  error?: string;
}) {
  const verb = request ? VERB[request.action] : "";
  const what = request?.service ? `service “${request.service}”` : `stack “${stackName}”`;
  return (
    <Dialog
      open={request !== null}
      onClose={() => !pending && onClose()}
      title={`${verb} ${what}?`}
      description={request ? actionConsequence(request, stackName) : undefined}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending} autoFocus>
            Cancel
          </Button>
          <Button variant={request?.action === "start" ? "primary" : "danger"} onClick={() => request && onConfirm(request)} loading={pending}>
            {verb}
          </Button>
        </>
      }
    >
      {error && <Alert tone="error" title={`Could not ${verb.toLowerCase()}`}>{error}</Alert>}
    </Dialog>
  );
}

export function StackRemoveDialog({
  open,
  stackName,
  onClose,
  onConfirm,
  pending,
  error,
}: {
  open: boolean;
  stackName: string;
  onClose: () => void;
  onConfirm: (opts: { volumes: boolean }) => void;
  pending: boolean;
  error?: string;
}) {
  const [volumes, setVolumes] = useState(false);
  const close = () => {
    setVolumes(false);
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      onConfirm={() => onConfirm({ volumes })}
      pending={pending}
      title={`Remove stack “${stackName}”?`}
      description="Its containers, its services in Homeport and its networks are removed. Named volumes stay unless you tick the box below."
      confirmLabel={volumes ? "Remove stack and volumes" : "Remove stack"}
      error={error && <Alert tone="error" title="Could not remove">{error}</Alert>}
    >
      <label className="flex items-start gap-2 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
        <input
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-red-600"
          checked={volumes}
          onChange={(e) => setVolumes(e.target.checked)}
          data-testid="remove-volumes"
        />
        <span>
          <span className="font-medium">Also delete named volumes (their data is lost)</span>
          <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">Bind-mounted folders on the host are never touched.</span>
        </span>
      </label>
    </ConfirmDialog>
  );
}
