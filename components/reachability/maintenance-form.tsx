// Plan or change a maintenance window: name, start and end (local time), and what it covers —
// every check, whole groups, or chosen checks. Errors are shown beside their fields.
"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, useApi } from "@/lib/client/api";
import { issuesToErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";
import { MaintenanceInputSchema, type MaintenanceView } from "@/lib/probes/schemas";
import { GroupChecklist } from "./group-checklist";

const HOUR_MS = 3600_000;

/** An ISO time as a datetime-local value in the browser's zone. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : "");

type Scope = "all" | "groups" | "checks";

export function MaintenanceForm({ window: w, groups, checks, onDone }: { window?: MaintenanceView; groups: string[]; checks: { id: string; name: string }[]; onDone?: () => void }) {
  const api = useApi();
  const router = useRouter();
  const toast = useToast();
  const prefix = w ? `mw-${w.id}` : "mw-new";
  const [name, setName] = useState(w?.name ?? "");
  // Set on the first render in the browser only (the form is shown after a click), so no hydration mismatch.
  const [startsAt, setStartsAt] = useState(() => toLocalInput(w?.startsAt ?? new Date().toISOString()));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(w?.endsAt ?? new Date(Date.now() + HOUR_MS).toISOString()));
  const [scope, setScope] = useState<Scope>(w ? (w.all ? "all" : w.groups.length ? "groups" : "checks") : "groups");
  const [chosenGroups, setChosenGroups] = useState<string[]>(w?.groups ?? []);
  const [chosenChecks, setChosenChecks] = useState<string[]>(w?.checkIds ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setProblem(null);
    const parsed = MaintenanceInputSchema.safeParse({
      name,
      startsAt: fromLocalInput(startsAt),
      endsAt: fromLocalInput(endsAt),
      all: scope === "all",
      groups: scope === "groups" ? chosenGroups : [],
      checkIds: scope === "checks" ? chosenChecks : [],
    });
    if (!parsed.success) {
      setErrors(zodErrors(parsed.error));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      if (w) await api.patch(`/api/v1/maintenance/${w.id}`, parsed.data);
      else await api.post("/api/v1/maintenance", parsed.data);
      toast(w ? `Saved ${parsed.data.name}` : `Planned ${parsed.data.name}`);
      onDone?.();
      router.refresh();
    } catch (err) {
      if (err instanceof ApiRequestError && err.issues.length) setErrors(issuesToErrors(err.issues));
      setProblem(err instanceof Error ? err.message : "Saving failed");
    } finally {
      setPending(false);
    }
  };

  const coverError = errors.checkIds ?? errors.groups;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={w ? `Edit maintenance window ${w.name}` : "New maintenance window"}>
      {problem && <Alert tone="error" title="Not saved">{problem}</Alert>}
      <Field id={`${prefix}-name`} label="Name" error={errors.name}>
        <Input id={`${prefix}-name`} autoComplete="off" placeholder="NAS disk swap" value={name} invalid={!!errors.name} aria-describedby={describedBy(`${prefix}-name`, { error: errors.name })} onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id={`${prefix}-start`} label="Starts" error={errors.startsAt}>
          <Input id={`${prefix}-start`} type="datetime-local" value={startsAt} invalid={!!errors.startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </Field>
        <Field id={`${prefix}-end`} label="Ends" hint="At most 31 days after the start." error={errors.endsAt}>
          <Input id={`${prefix}-end`} type="datetime-local" value={endsAt} invalid={!!errors.endsAt} aria-describedby={describedBy(`${prefix}-end`, { hint: true, error: errors.endsAt })} onChange={(e) => setEndsAt(e.target.value)} />
        </Field>
      </div>
      <Field id={`${prefix}-scope`} label="Covers">
        <Select id={`${prefix}-scope`} value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
          <option value="groups">Whole groups</option>
          <option value="checks">Chosen checks</option>
          <option value="all">Every check</option>
        </Select>
      </Field>
      {scope === "groups" && (
        <fieldset>
          <legend className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Groups</legend>
          {groups.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No check has a group yet.</p>}
          <GroupChecklist groups={groups} chosen={chosenGroups} onChange={setChosenGroups} />
        </fieldset>
      )}
      {scope === "checks" && (
        <Field id={`${prefix}-checks`} label="Checks" hint="Hold Ctrl (⌘ on a Mac) to choose several.">
          <Select id={`${prefix}-checks`} multiple size={Math.min(8, Math.max(3, checks.length))} className="h-auto" value={chosenChecks} onChange={(e) => setChosenChecks([...e.target.selectedOptions].map((o) => o.value))}>
            {checks.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </Select>
        </Field>
      )}
      {coverError && <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">{coverError}</p>}
      <Button type="submit" loading={pending}>{w ? "Save" : "Plan maintenance"}</Button>
    </form>
  );
}
