// A push check's secret URL on its page: made on first view by someone who may change checks (a
// push check without one cannot be called), shown once with copy buttons and curl/cron examples,
// and regenerated on request (the old URL stops working). Readers see only whether it exists.
"use client";

import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { errorMessage, useApi } from "@/lib/client/api";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { CopyButton } from "@/components/ui/copy-button";
import type { z } from "zod";
import type { PushUrlSchema, PushUrlStatusSchema } from "@/lib/probes/engine/push-call";

type Made = z.infer<typeof PushUrlSchema>;

function Example({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div>
      <div className="mb-1 flex items-center justify-between gap-2">
        <span id={id} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</span>
        <CopyButton value={value} label={`Copy ${label}`} />
      </div>
      <pre aria-labelledby={id} className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">{value}</pre>
    </div>
  );
}

export function PushUrlPanel({ checkId, intervalSec }: { checkId: string; intervalSec: number }) {
  const api = useApi();
  const canWrite = useCan("write");
  const [made, setMade] = useState<Made | null>(null);
  const [confirming, setConfirming] = useState(false);
  const status = useQuery({
    queryKey: ["push-url", checkId],
    queryFn: ({ signal }) => api.get<z.infer<typeof PushUrlStatusSchema>>(`/api/v1/checks/${checkId}/push-url`, signal),
  });
  const make = useMutation({
    mutationFn: () => api.post<Made>(`/api/v1/checks/${checkId}/push-url`),
    onSuccess: (m) => {
      setMade(m);
      setConfirming(false);
    },
  });
  const autoMade = useRef(false);
  useEffect(() => {
    if (canWrite && status.data?.configured === false && !autoMade.current) {
      autoMade.current = true;
      make.mutate();
    }
  }, [canWrite, status.data?.configured, make]);

  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const url = made ? `${origin}${made.path}` : null;
  const everyMin = Math.max(1, Math.floor(intervalSec / 60));

  return (
    <Card className="mb-6" aria-labelledby="push-url-title">
      <CardHeader
        id="push-url-title"
        title="Push URL"
        description="Call it from a cron job, backup script or device; silence past the interval and grace marks the check down."
        actions={canWrite && status.data?.configured && !made ? <Button variant="secondary" onClick={() => setConfirming(true)}>Regenerate URL</Button> : undefined}
      />
      <div className="space-y-4 px-5 py-4">
        {status.isError && <Alert tone="error">{errorMessage(status.error)}</Alert>}
        {make.isError && !confirming && <Alert tone="error">{errorMessage(make.error)}</Alert>}
        {url ? (
          <>
            <Alert tone="warning">Copy this URL now: it is shown only once. Anyone with it can report this check up or down.</Alert>
            <Example id="push-url-value" label="URL" value={url} />
            <Example id="push-url-curl" label="curl" value={`curl -fsS -m 10 --retry 3 "${url}?status=up&msg=OK"`} />
            <Example id="push-url-cron" label="cron line" value={`*/${everyMin} * * * * /usr/local/bin/backup.sh && curl -fsS -m 10 "${url}" >/dev/null || curl -fsS -m 10 "${url}?status=down&msg=backup%20failed" >/dev/null`} />
            <p className="text-xs text-zinc-500 dark:text-zinc-400">GET or POST; optional <code className="font-mono">status=up|down</code>, <code className="font-mono">msg</code> (200 characters) and <code className="font-mono">ping</code> (ms, charted as latency).</p>
          </>
        ) : status.data?.configured ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">This check has a push URL. Its secret was shown once when it was made{canWrite ? "; regenerate it if it was lost (the old URL then stops working)." : "."}</p>
        ) : status.data && !canWrite ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No push URL yet: someone who may change checks makes it here.</p>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">Making the push URL…</p>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => make.mutate()}
        title="Regenerate the push URL?"
        description="The current URL stops working at once; update every job that calls it."
        confirmLabel="Regenerate"
        pending={make.isPending}
        error={make.isError ? errorMessage(make.error) : undefined}
      />
    </Card>
  );
}
