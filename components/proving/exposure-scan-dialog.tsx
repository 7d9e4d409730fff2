// "Scan options…": a scan with a chosen port list (the default top 1,000 plus published ports, only the
// published ports, or a custom list) from chosen vantage points (online agents; ones whose owner turned
// scans off cannot be picked). Hidden without write scope.
"use client";

import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FieldError, Hint, Input, Label } from "@/components/ui/field";
import { SegmentedField } from "@/components/ui/segmented";
import { errorMessage, useApi } from "@/lib/client/api";
import type { ScanRequestInput } from "@/lib/exposure/schemas";
import type { HostListPage } from "@/lib/pages/schemas";
import { vantageWords } from "./exposure-model";
import { parsePortList } from "./exposure-ports";
import { useStartScan } from "./exposure-run-button";

type PortChoice = "default" | "published" | "custom";
/** Online hosts listed as vantage points (a lab with more picks "all" instead). */
const VANTAGE_LIST_LIMIT = 100;

export function ScanOptionsButton({ running, onStarted, onError }: { running: boolean; onStarted: (id: string) => void; onError: (text: string, conflict: boolean) => void }) {
  const canWrite = useCan("write");
  const [open, setOpen] = useState(false);
  if (!canWrite) return null;
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} disabled={running} data-testid="scan-options">
        Options…
      </Button>
      {open && (
        <ScanDialog
          onClose={() => setOpen(false)}
          onStarted={(id) => {
            setOpen(false);
            onStarted(id);
          }}
          onError={onError}
        />
      )}
    </>
  );
}

export function ScanDialog({ onClose, onStarted, onError }: { onClose: () => void; onStarted: (id: string) => void; onError: (text: string, conflict: boolean) => void }) {
  const id = useId();
  const api = useApi();
  const [ports, setPorts] = useState<PortChoice>("default");
  const [custom, setCustom] = useState("");
  const [customError, setCustomError] = useState<string | undefined>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);
  const hosts = useQuery({
    queryKey: ["hosts", "online", "vantages"],
    queryFn: ({ signal }) => api.get<HostListPage>(`/api/v1/hosts?status=online&limit=${VANTAGE_LIST_LIMIT}`, signal),
  });
  const start = useStartScan(onStarted, (text, conflict) => {
    setFailure(text);
    onError(text, conflict);
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body: ScanRequestInput = {};
    if (ports === "custom") {
      const parsed = parsePortList(custom);
      if (!parsed.ok) {
        setCustomError(parsed.error);
        document.getElementById(`${id}-ports`)?.focus();
        return;
      }
      body.ports = parsed.ports;
    } else {
      body.ports = ports;
    }
    if (chosen.size > 0) body.vantageIds = [...chosen];
    setFailure(null);
    start.mutate(body);
  };

  const toggle = (hostId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(hostId);
    else next.delete(hostId);
    setChosen(next);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="Scan options"
      description="Which ports to try, and from which agents. The scan only touches the addresses of the hosts Homeport manages."
      className="max-w-lg"
    >
      <form id={`${id}-form`} onSubmit={submit} className="space-y-5" noValidate>
        <SegmentedField
          id={`${id}-choice`}
          name="ports"
          label="Ports"
          value={ports}
          onChange={(v) => {
            setPorts(v);
            setCustomError(undefined);
          }}
          options={[
            { value: "default", label: "Top 1,000 + published" },
            { value: "published", label: "Published only" },
            { value: "custom", label: "Custom" },
          ]}
          hint={ports === "published" ? "Only the ports the lab's containers publish: quick, and enough to check intent." : ports === "default" ? "The ports most often found open, plus every port a container publishes." : undefined}
        />
        {ports === "custom" && (
          <div className="space-y-1.5">
            <Label htmlFor={`${id}-ports`}>Ports to try</Label>
            <Input
              id={`${id}-ports`}
              value={custom}
              onChange={(e) => {
                setCustom(e.target.value);
                setCustomError(undefined);
              }}
              placeholder="22, 80, 443, 8000-8100"
              invalid={customError !== undefined}
              aria-describedby={`${id}-ports-hint${customError ? ` ${id}-ports-error` : ""}`}
              autoComplete="off"
              inputMode="text"
            />
            <Hint id={`${id}-ports-hint`}>Single ports and ranges, at most 2,000 in all.</Hint>
            <FieldError id={`${id}-ports-error`} message={customError} />
          </div>
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Scan from</legend>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">None ticked: every online agent that allows scans.</p>
          {hosts.isPending ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading the online agents…</p>
          ) : hosts.isError ? (
            <Alert tone="error">The online agents could not be listed: {errorMessage(hosts.error)}</Alert>
          ) : hosts.data.items.length === 0 ? (
            <p className="text-sm text-amber-800 dark:text-amber-300">No agent is online: a scan needs at least one.</p>
          ) : (
            <ul className="max-h-56 space-y-1 overflow-y-auto">
              {hosts.data.items.map((h) => {
                const denied = h.agentPolicy?.allowScan === false;
                return (
                  <li key={h.id}>
                    <label className={`flex items-center gap-2 rounded-md px-1 py-1 text-sm ${denied ? "opacity-60" : "cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-800"}`}>
                      <input type="checkbox" className="size-4 accent-indigo-600" disabled={denied} checked={chosen.has(h.id)} onChange={(e) => toggle(h.id, e.target.checked)} />
                      <span className="min-w-0 truncate font-medium">{h.name}</span>
                      <Badge tone={h.vantage === "remote" ? "accent" : "neutral"}>{vantageWords(h.vantage)}</Badge>
                      {denied && <span className="text-xs text-zinc-500 dark:text-zinc-400">scans turned off by its owner</span>}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
        {failure && <Alert tone="error">{failure}</Alert>}
        <div className="flex justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={start.isPending} data-testid="scan-options-run">
            Run scan
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
