// "Add host": creates a one-time enrollment token and shows it once, with the exact command to
// run on the new host (from a Homeport checkout, or as a container).
"use client";

import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { useApi, errorMessage, ApiRequestError } from "@/lib/client/api";
import { utcTime } from "@/lib/client/format";
import { ENROLLMENT_DEFAULT_TTL_MINUTES, type EnrollmentCreated } from "@/lib/agents/schemas";

function CommandBlock({ label, value }: { label: string; value: string }) {
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <CopyButton value={value} />
      </div>
      <pre className="overflow-x-auto rounded-md bg-zinc-100 p-2 text-xs break-all whitespace-pre-wrap dark:bg-zinc-800" data-testid="enroll-command">{value}</pre>
    </div>
  );
}

export function EnrollmentDialog({ onEnrolled }: { onEnrolled?: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [ttl, setTtl] = useState(String(ENROLLMENT_DEFAULT_TTL_MINUTES));
  const create = useMutation({
    mutationFn: () => api.post<EnrollmentCreated>("/api/v1/enrollments", { name: name.trim(), ttlMinutes: Number(ttl) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["hosts"] }),
  });
  const fieldError = (path: string) => (create.error instanceof ApiRequestError ? create.error.issues.find((i) => i.path === path)?.message : undefined);
  const close = () => {
    setOpen(false);
    if (create.data) onEnrolled?.();
    create.reset();
    setName("");
  };
  const created = create.data;
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add host</Button>
      <Dialog
        open={open}
        onClose={close}
        className="max-w-2xl"
        title={created ? `Enroll ${created.name}` : "Add a host"}
        description={created ? "Run one of these on the new host. The token works once and is shown only now." : "Homeport creates a one-time token; the agent on the new host exchanges it for its own identity."}
        footer={
          created ? (
            <Button onClick={close}>Done</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>Cancel</Button>
              <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!name.trim()}>Create token</Button>
            </>
          )
        }
      >
        {created ? (
          <div className="space-y-4">
            <CommandBlock label="From a Homeport checkout" value={created.command} />
            <CommandBlock label="Or as a container" value={created.dockerCommand} />
            <Alert tone="warning">Expires {utcTime(created.expiresAt)}. Anyone holding it can enroll a host until then.</Alert>
          </div>
        ) : (
          <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
            <Field id={`${id}-name`} label="Host name" hint="A DNS label, e.g. nas or vps-1" error={fieldError("name")}>
              <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} invalid={Boolean(fieldError("name"))} aria-describedby={describedBy(`${id}-name`, { hint: true, error: fieldError("name") })} autoFocus />
            </Field>
            <Field id={`${id}-ttl`} label="Valid for (minutes)" error={fieldError("ttlMinutes")}>
              <Input id={`${id}-ttl`} type="number" min={1} value={ttl} onChange={(e) => setTtl(e.target.value)} />
            </Field>
            {create.error && !fieldError("name") && <Alert tone="error">{errorMessage(create.error)}</Alert>}
          </form>
        )}
      </Dialog>
    </>
  );
}
