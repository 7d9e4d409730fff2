// "Run scan": starts an exposure scan (POST /api/v1/exposure/scans) and says plainly what happened —
// started, not now (409: one already runs, or no agent is online), refused by an agent's policy, or failed. Hidden without write scope.
"use client";

import { useMutation } from "@tanstack/react-query";
import { useCan } from "@/components/auth/role-context";
import { Button } from "@/components/ui/button";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import type { ScanRequestInput } from "@/lib/exposure/schemas";

export const SCANS_PATH = "/api/v1/exposure/scans";

/**
 * The sentence shown when starting a scan fails. A 409 is not a fault to fix (a scan already runs, or no
 * agent is online to scan from): the server's own words say which, so they are shown as they are.
 */
export function runErrorText(err: unknown): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 409) return err.message;
    if (err.status === 403) return `Homeport refused the scan: ${err.message}`;
  }
  return `The scan could not start: ${errorMessage(err)}`;
}

/** Starts a scan with the given request; the callbacks hear the new report's id or the error in words. */
export function useStartScan(onStarted: (id: string) => void, onError: (text: string, conflict: boolean) => void) {
  const api = useApi();
  return useMutation({
    mutationFn: (body: ScanRequestInput) => api.post<{ id: string }>(SCANS_PATH, body),
    onSuccess: (r) => onStarted(r.id),
    onError: (err) => onError(runErrorText(err), err instanceof ApiRequestError && err.status === 409),
  });
}

export function RunScanButton({ running, onStarted, onError, size = "md" }: { running: boolean; onStarted: (id: string) => void; onError: (text: string, conflict: boolean) => void; size?: "sm" | "md" }) {
  const canWrite = useCan("write");
  const start = useStartScan(onStarted, onError);
  if (!canWrite) return null;
  const busy = running || start.isPending;
  return (
    <Button size={size} onClick={() => start.mutate({})} loading={busy} data-testid="run-scan">
      {busy ? "Scanning…" : "Run scan"}
    </Button>
  );
}
