// "Run scan": starts an exposure scan (POST /api/v1/exposure/scans) and says plainly what happened —
// started, already running (409), refused by an agent's policy, or failed. Hidden without write scope.
"use client";

import { useMutation } from "@tanstack/react-query";
import { useCan } from "@/components/auth/role-context";
import { Button } from "@/components/ui/button";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import type { ScanRequestInput } from "@/lib/exposure/schemas";

export const SCANS_PATH = "/api/v1/exposure/scans";

/** The sentence shown when starting a scan fails: a running scan is not an error to fix, so say what to do. */
export function runErrorText(err: unknown): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 409) return "A scan is already running; its report shows here when it finishes.";
    if (err.status === 403) return `Homeport refused the scan: ${err.message}`;
  }
  return `The scan could not start: ${errorMessage(err)}`;
}

export function RunScanButton({ running, onStarted, onError, size = "md" }: { running: boolean; onStarted: (id: string) => void; onError: (text: string, alreadyRunning: boolean) => void; size?: "sm" | "md" }) {
  const canWrite = useCan("write");
  const api = useApi();
  const start = useMutation({
    mutationFn: () => api.post<{ id: string }>(SCANS_PATH, {} satisfies ScanRequestInput),
    onSuccess: (r) => onStarted(r.id),
    onError: (err) => onError(runErrorText(err), err instanceof ApiRequestError && err.status === 409),
  });
  if (!canWrite) return null;
  const busy = running || start.isPending;
  return (
    <Button size={size} onClick={() => start.mutate()} loading={busy} data-testid="run-scan">
      {busy ? "Scanning…" : "Run scan"}
    </Button>
  );
}
