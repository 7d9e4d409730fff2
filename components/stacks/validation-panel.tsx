// What the server's check of a Compose file says, beside the editors: problems with their lines
// (each one puts the caret on its line), warnings, the services the file would run (image, ports,
// dependencies) and the variables it uses with whether the .env sets them.
"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/client/api";
import type { StackValidation } from "@/lib/stacks/schemas";
import { IssueList, type GoToLine } from "./issue-list";
import type { StackIssue } from "./stack-model";

export function ValidationPanel({
  validation,
  checking,
  error,
  extraErrors = [],
  onGoTo,
  idle,
}: {
  validation: StackValidation | undefined;
  checking: boolean;
  error?: unknown;
  /** Problems the server gave when saving (they may differ from the live check's). */
  extraErrors?: StackIssue[];
  onGoTo: GoToLine;
  /** Shown instead when there is nothing to check yet. */
  idle?: React.ReactNode;
}) {
  const titleId = useId();
  const errors = [...extraErrors, ...(validation?.errors ?? [])];
  const summary = checking
    ? "Checking the file…"
    : errors.length > 0
      ? `${errors.length} problem${errors.length === 1 ? "" : "s"} to fix`
      : validation
        ? `No problems: ${validation.services.length} service${validation.services.length === 1 ? "" : "s"}`
        : "";
  return (
    <section aria-labelledby={titleId} className="space-y-3" data-testid="stack-validation" data-ok={validation ? String(validation.ok && extraErrors.length === 0) : ""} data-checking={String(checking)}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={titleId} className="text-sm font-semibold">
          Check
        </h3>
        <p role="status" className="flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
          {checking && <Spinner className="size-3.5" />}
          {summary}
        </p>
      </div>
      {!validation && !checking && extraErrors.length === 0 && !error && idle}
      {error != null && <Alert tone="error" title="Could not check the file">{errorMessage(error)}</Alert>}
      <IssueList issues={errors} kind="error" onGoTo={onGoTo} label="Problems" />
      <IssueList issues={validation?.warnings ?? []} kind="warning" onGoTo={onGoTo} label="Warnings" />
      {validation && validation.services.length > 0 && (
        <div>
          <h4 className="mb-1.5 text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Services it runs</h4>
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800" aria-label="Services it runs">
            {validation.services.map((s) => (
              <li key={s.key} className="space-y-0.5 px-3 py-2" data-testid="validated-service" data-key={s.key}>
                <p className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium">{s.key}</span>
                  <code className="min-w-0 font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{s.image}</code>
                </p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  {s.ports.length > 0 ? `ports ${s.ports.join(", ")}` : "no published ports"}
                  {s.dependsOn.length > 0 && ` · depends on ${s.dependsOn.join(", ")}`}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {validation && validation.variables.length > 0 && (
        <div>
          <h4 className="mb-1.5 text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Variables it uses</h4>
          <ul className="flex flex-wrap gap-2" aria-label="Variables it uses">
            {validation.variables.map((v) => (
              <li key={v.name} data-testid="validated-variable" data-set={String(v.set)} className="flex items-center gap-1.5 rounded-md bg-zinc-50 px-2 py-1 text-xs dark:bg-zinc-800/60">
                <code className="font-mono">{v.name}</code>
                <Badge tone={v.set ? "success" : "warning"}>{v.set ? "set" : "unset"}</Badge>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
