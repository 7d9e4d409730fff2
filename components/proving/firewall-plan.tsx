// Suggested rules with why (each can be left out), the plan preview (the exact nft text and its diff
// against Homeport's table in force), and Apply for admins: the rules revert by themselves unless
// Homeport can still reach the agent once they are on.
"use client";

import { useMemo, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useCan } from "@/components/auth/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Label, Select } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { errorMessage, useApi } from "@/lib/client/api";
import type { FirewallChangeView, FirewallPreview, FirewallSuggestions } from "@/lib/firewall/schemas";
import type { FirewallPlan } from "@/lib/protocol/firewall";
import { CONFIRM_CHOICES, FIREWALL_PATH, ruleWords } from "./firewall-model";

function Preview({ preview }: { preview: FirewallPreview }) {
  const changed = preview.diff.filter((d) => d.op !== "same").length;
  return (
    <div className="space-y-3" data-testid="firewall-preview">
      <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Changes to Homeport&apos;s table {preview.currentTable ? `(${changed} line${changed === 1 ? "" : "s"} differ)` : "(new table)"}
      </h3>
      <pre className="max-h-96 overflow-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs leading-5 text-zinc-100" aria-label="Diff against the table in force">
        {preview.diff.map((d, i) => (
          <span key={i} className={cn("block", d.op === "add" && "bg-emerald-900/50 text-emerald-200", d.op === "remove" && "bg-red-900/50 text-red-200")}>
            {d.op === "add" ? "+ " : d.op === "remove" ? "- " : "  "}
            {d.line}
          </span>
        ))}
      </pre>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-zinc-800 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-200">The exact nft text</summary>
        <pre className="mt-2 max-h-96 overflow-auto rounded-lg bg-zinc-100 p-3 font-mono text-xs text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100" data-testid="firewall-nft-text">{preview.nftText}</pre>
      </details>
    </div>
  );
}

export function FirewallPlanCard({ hostId, hostName, suggestions, onApplied }: { hostId: string; hostName: string; suggestions: FirewallSuggestions; onApplied: (c: FirewallChangeView) => void }) {
  const api = useApi();
  const canApply = useCan("admin");
  const [left, setLeft] = useState<Set<number>>(new Set());
  const [preview, setPreview] = useState<FirewallPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmSec, setConfirmSec] = useState<number>(60);
  const plan: FirewallPlan = useMemo(() => ({ ...suggestions.plan, rules: suggestions.plan.rules.filter((_, i) => !left.has(i)) }), [suggestions, left]);
  const doPreview = useMutation({
    mutationFn: () => api.post<FirewallPreview>(`${FIREWALL_PATH(hostId)}/plan`, { plan }),
    onSuccess: setPreview,
  });
  const doApply = useMutation({
    mutationFn: (p: FirewallPreview) => api.post<FirewallChangeView>(`${FIREWALL_PATH(hostId)}/apply`, { plan: p.plan, hash: p.hash, confirmWithinSec: confirmSec }),
    onSuccess: (c) => {
      setConfirming(false);
      setPreview(null);
      onApplied(c);
    },
  });
  const toggle = (i: number) => {
    setPreview(null);
    setLeft((s) => {
      const n = new Set(s);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });
  };
  return (
    <Card data-testid="firewall-suggestions">
      <CardHeader title="Suggested rules" description="Derived from your routes and published ports: allow what they need, drop the rest inbound. Untick what you do not want, then preview." />
      <CardBody className="space-y-4">
        {suggestions.wouldCut.length > 0 && (
          <Alert tone="warning" title="This would cut what is allowed now">
            <ul className="list-disc pl-5">{suggestions.wouldCut.map((w) => <li key={w}>{w}</li>)}</ul>
          </Alert>
        )}
        <ul className="space-y-2">
          {suggestions.suggestions.map((s, i) => (
            <li key={i} className="flex items-start gap-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
              <input id={`fw-s-${i}`} type="checkbox" className="mt-1 size-4" checked={!left.has(i)} onChange={() => toggle(i)} />
              <div>
                <Label htmlFor={`fw-s-${i}`} className="font-medium">{ruleWords(s.rule)}</Label>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">{s.why}</p>
              </div>
            </li>
          ))}
        </ul>
        <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
          {suggestions.notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" onClick={() => doPreview.mutate()} loading={doPreview.isPending} data-testid="firewall-preview-button">
            Preview plan
          </Button>
          {canApply && preview && (
            <Button variant="danger" onClick={() => { doApply.reset(); setConfirming(true); }} data-testid="firewall-apply-button">
              Apply…
            </Button>
          )}
        </div>
        {doPreview.isError && <Alert tone="error">The preview failed: {errorMessage(doPreview.error)}</Alert>}
        {preview && <Preview preview={preview} />}
        {preview && !canApply && <p className="text-sm text-zinc-600 dark:text-zinc-400">Only an admin can apply firewall rules.</p>}
      </CardBody>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => preview && doApply.mutate(preview)}
        pending={doApply.isPending}
        title={`Apply these rules to ${hostName}?`}
        description={`Rules revert in ${confirmSec} s unless Homeport can still reach the agent. Homeport checks this at once; if the rules cut it off, the agent undoes them by itself.`}
        confirmLabel="Apply rules"
        error={doApply.isError ? <Alert tone="error">{errorMessage(doApply.error)}</Alert> : undefined}
      >
        <div>
          <Label htmlFor="fw-window">Revert unless confirmed within</Label>
          <Select id="fw-window" value={confirmSec} onChange={(e) => setConfirmSec(Number(e.target.value))} className="mt-1">
            {CONFIRM_CHOICES.map((s) => <option key={s} value={s}>{s} seconds</option>)}
          </Select>
        </div>
      </ConfirmDialog>
    </Card>
  );
}
