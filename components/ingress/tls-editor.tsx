// Chooses how one Route's hostname gets its certificate: Caddy's internal CA (works offline;
// devices trust the root once) or a certificate the user supplies. The key is write-only.
"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { Segmented } from "@/components/ui/segmented";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import type { EntryView } from "@/lib/ingress/schemas";
import { INGRESS_KEY } from "./use-ingress";

type Mode = EntryView["tlsMode"];

export function TlsEditor({ entry }: { entry: EntryView }) {
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>(entry.tlsMode);
  const [certificatePem, setCert] = useState("");
  const [keyPem, setKey] = useState("");
  const save = useMutation({
    mutationFn: () => api.patch(`/api/v1/ingress/routes/${entry.routeId}/tls`, mode === "internal" ? { mode } : { mode, certificatePem, keyPem }),
    onSuccess: () => {
      toast("Certificate choice saved; review the plan to apply it");
      setKey("");
      setOpen(false);
      void qc.invalidateQueries({ queryKey: INGRESS_KEY });
    },
  });
  const issue = (path: string) => (save.error instanceof ApiRequestError ? save.error.issues.find((i) => i.path === path)?.message : undefined);
  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Certificate for ${entry.hostname}`}>
        {entry.tlsMode === "internal" ? "Internal CA" : "Own certificate"}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Certificate for ${entry.hostname}`}
        description="Caddy's internal CA works without the internet once devices trust its root. Use your own certificate if you already have one for this name."
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
            <Button onClick={() => save.mutate()} loading={save.isPending}>Save</Button>
          </>
        }
      >
        <div className="space-y-4">
          <Segmented name={`tls-${entry.routeId}`} value={mode} onChange={setMode} options={[{ value: "internal", label: "Internal CA" }, { value: "certificate", label: "Own certificate" }]} />
          {mode === "certificate" && (
            <>
              <Field id={`cert-${entry.routeId}`} label="Certificate (PEM, chain first)" error={issue("certificatePem")}>
                <Textarea id={`cert-${entry.routeId}`} rows={5} value={certificatePem} onChange={(e) => setCert(e.target.value)} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" />
              </Field>
              <Field id={`key-${entry.routeId}`} label="Private key (PEM)" hint="Stored encrypted and only ever sent to Caddy; it is never shown again." error={issue("keyPem")}>
                <Textarea id={`key-${entry.routeId}`} rows={4} value={keyPem} onChange={(e) => setKey(e.target.value)} spellCheck={false} autoComplete="off" placeholder="-----BEGIN PRIVATE KEY-----" />
              </Field>
            </>
          )}
          {save.isError && !(save.error instanceof ApiRequestError && save.error.issues.length > 0) && <Alert tone="error">{errorMessage(save.error)}</Alert>}
        </div>
      </Dialog>
    </>
  );
}
