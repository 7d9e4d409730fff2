// "Delete" for a service: asks whether to remove its container (ticked) and its named volumes (not
// ticked), then says what was removed and what was left (e.g. the agent was offline: the container
// is listed as orphaned on its host's page, with Remove).
"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { IconTrash } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { useCan } from "@/components/auth/role-context";
import { ApiRequestError, useApi } from "@/lib/client/api";
import type { ServiceDeleteReport } from "@/lib/agents/schemas";

/** The report in one sentence, for the toast. */
export function deleteSummary(name: string, r: ServiceDeleteReport): string {
  const removed = [...r.removedContainers.map((c) => `container ${c}`), ...r.removedVolumes.map((v) => `volume ${v}`)];
  const parts = [`Deleted service ${name}`];
  if (removed.length > 0) parts.push(`removed ${removed.join(", ")}`);
  if (r.left.length > 0) parts.push(`left ${r.left.map((l) => `${l.kind} ${l.name}: ${l.reason}`).join("; ")}`);
  return parts.join("; ");
}

export function DeleteServiceButton({ id, name, routeCount, namedVolumes, hostId }: { id: string; name: string; routeCount: number; namedVolumes: string[]; hostId: string | null }) {
  const [open, setOpen] = useState(false);
  const [container, setContainer] = useState(true);
  const [volumes, setVolumes] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ conflict: boolean; message: string } | null>(null);
  const api = useApi();
  const router = useRouter();
  const qc = useQueryClient();
  const toast = useToast();
  const canWrite = useCan("write");

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      const r = await api.del<ServiceDeleteReport>(`/api/v1/services/${id}?container=${container}&volumes=${container && volumes}`);
      // Only the lists: refetching this page's own queries (container, stats, logs) would meet 404s.
      await qc.invalidateQueries({ queryKey: ["services"] });
      toast(deleteSummary(name, r));
      setOpen(false);
      // No router.refresh(): called with the push still under way it re-fetched this deleted service's
      // page (a 404 in the browser console); the page pushed to renders fresh (dynamic) anyway.
      router.push(r.left.length > 0 && hostId ? `/hosts/${hostId}` : "/services");
    } catch (err) {
      setPending(false);
      setError({ conflict: err instanceof ApiRequestError && err.status === 409, message: err instanceof Error ? err.message : "Delete failed" });
    }
  };

  if (!canWrite) return null;
  return (
    <>
      <Button variant="secondary" className="text-red-700 dark:text-red-400" onClick={() => { setError(null); setPending(false); setOpen(true); }}>
        <IconTrash className="size-4" /> Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={confirm}
        pending={pending}
        title={`Delete service “${name}”?`}
        description={routeCount > 0 ? `${routeCount} route(s) still point at this service; delete or retarget them first.` : "The service's definition is removed from Homeport. This cannot be undone."}
        confirmLabel="Delete service"
        error={error && <Alert tone={error.conflict ? "warning" : "error"} title={error.conflict ? "This service is still in use" : "Could not delete"}>{error.message}</Alert>}
      >
        {hostId && (
          <fieldset className="space-y-2 text-sm">
            <legend className="sr-only">What else to remove</legend>
            <label className="flex items-start gap-2">
              <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={container} onChange={(e) => setContainer(e.target.checked)} />
              <span>Remove its container <span className="text-zinc-500 dark:text-zinc-400">(stops it and frees its published ports)</span></span>
            </label>
            <label className="flex items-start gap-2">
              <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={container && volumes} disabled={!container || namedVolumes.length === 0} onChange={(e) => setVolumes(e.target.checked)} />
              <span>
                Remove its named volumes{" "}
                <span className="text-zinc-500 dark:text-zinc-400">{namedVolumes.length > 0 ? `(${namedVolumes.join(", ")}; their data is lost)` : "(it has none)"}</span>
              </span>
            </label>
            {!container && <p className="text-xs text-amber-700 dark:text-amber-400">The container keeps running; its host&apos;s page lists it as orphaned, with Remove.</p>}
          </fieldset>
        )}
      </ConfirmDialog>
    </>
  );
}
