// A stack's Versions section: every applied file, newest first, the applied one marked; "View"
// shows the file, "Roll back to this version" (confirmed) applies it again as a new version.
"use client";

import { useCan } from "@/components/auth/role-context";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { Time } from "@/components/ui/time";
import { errorMessage, useApi } from "@/lib/client/api";
import type { StackVersionSchema } from "@/lib/stacks/schemas";
import type { z } from "zod";
import { EnvNames } from "./stack-edit";
import { stackKeys } from "./stack-live";

type Version = z.infer<typeof StackVersionSchema>;

function VersionFile({ stackId, version }: { stackId: string; version: number }) {
  const api = useApi();
  const q = useQuery({
    queryKey: [...stackKeys.versions(stackId), version],
    queryFn: ({ signal }) => api.get<{ version: number; compose: string; envVariables: string[] }>(`/api/v1/stacks/${stackId}/versions/${version}`, signal),
    staleTime: Infinity,
  });
  if (q.error) return <Alert tone="error">{errorMessage(q.error)}</Alert>;
  if (!q.data) return <Spinner className="size-5" />;
  return (
    <div className="space-y-3">
      <pre className="max-h-[60vh] overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-5 text-zinc-100" data-testid="version-file" tabIndex={0} aria-label={`Compose file of version ${version}`}>
        {q.data.compose}
      </pre>
      <EnvNames names={q.data.envVariables} />
    </div>
  );
}

export interface RollbackControl {
  onRollback: (version: number) => Promise<void>;
  pending: boolean;
  error: unknown;
  /** Why a rollback is not possible now (a rollout under way), or null. */
  blocked: string | null;
}

export function StackVersions({ stackId, rollback }: { stackId: string; rollback: RollbackControl }) {
  const canWrite = useCan("write");
  const api = useApi();
  const [viewing, setViewing] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);
  const q = useQuery({
    queryKey: stackKeys.versions(stackId),
    queryFn: ({ signal }) => api.get<{ items: Version[] }>(`/api/v1/stacks/${stackId}/versions`, signal),
  });
  const items = q.data?.items ?? [];
  return (
    <Card data-testid="stack-versions">
      <CardHeader id="versions" title="Versions" description="Every file that was applied. Rolling back applies that file again, through the same health-gated rollout." />
      {q.error != null && <Alert tone="error" className="m-5">{errorMessage(q.error)}</Alert>}
      {q.isPending ? (
        <p className="px-5 py-4 text-sm text-zinc-500">Loading…</p>
      ) : items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-500 dark:text-zinc-400">No version yet: the first Apply records version 1.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Versions">
          {items.map((v) => (
            <li key={v.version} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3" data-testid="stack-version" data-version={v.version} data-applied={String(v.applied)}>
              <div className="min-w-0">
                <p id={`version-${v.version}-title`} className="flex flex-wrap items-center gap-2 font-medium">
                  Version {v.version} {v.applied && <Badge tone="success">applied</Badge>}
                </p>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  <Time iso={v.createdAt} />
                  {v.actorName ? ` by ${v.actorName}` : ""}
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" onClick={() => setViewing(v.version)} aria-label={`View version ${v.version}`}>
                  View
                </Button>
                <a href={`/api/v1/stacks/${stackId}/export?version=${v.version}`} download className={buttonClass("ghost", "sm")} aria-label={`Download version ${v.version}`}>
                  Download
                </a>
                {!v.applied && canWrite && (
                  <Button size="sm" variant="secondary" onClick={() => setConfirm(v.version)} disabled={rollback.blocked !== null} title={rollback.blocked ?? undefined} aria-describedby={`version-${v.version}-title`}>
                    Roll back to this version
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={viewing !== null} onClose={() => setViewing(null)} title={`Version ${viewing ?? ""}`} className="max-w-3xl" footer={<Button variant="secondary" onClick={() => setViewing(null)}>Close</Button>}>
        {viewing !== null && <VersionFile stackId={stackId} version={viewing} />}
      </Dialog>
      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm === null) return;
          void rollback.onRollback(confirm).then(() => setConfirm(null), () => undefined);
        }}
        pending={rollback.pending}
        title={`Roll back to version ${confirm ?? ""}?`}
        description="That file becomes the one being edited and is applied now: services that differ are recreated one level at a time, each behind its healthcheck. It is recorded as a new version."
        confirmLabel="Roll back"
        error={rollback.error != null && <Alert tone="error" title="Could not roll back">{errorMessage(rollback.error)}</Alert>}
      />
    </Card>
  );
}
