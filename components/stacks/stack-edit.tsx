// A stack's Edit section: the Compose file and the .env in the same editors as a new stack, checked
// as the user types, saved with PATCH (nothing runs until Apply). Admins edit the .env itself;
// others see its variable names and may only replace the whole file.
"use client";

import { useCan } from "@/components/auth/role-context";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import type { StackView } from "@/lib/stacks/schemas";
import { StackFileFields } from "./stack-file-fields";
import { stackKeys } from "./stack-live";
import { issuesFromApi, type StackIssue } from "./stack-model";
import { useStackValidation } from "./use-validation";

export function EnvNames({ names }: { names: string[] }) {
  if (names.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">The stack has no .env.</p>;
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-300">
      It sets{" "}
      {names.map((n, i) => (
        <span key={n}>
          {i > 0 && ", "}
          <code className="font-mono text-xs">{n}</code>
        </span>
      ))}
      ; the values are sealed.
    </p>
  );
}

export function StackEdit({ stack, isAdmin }: { stack: StackView; isAdmin: boolean }) {
  const canWrite = useCan("write");
  const api = useApi();
  const qc = useQueryClient();
  const toast = useToast();
  const [base, setBase] = useState(stack.compose);
  const [compose, setCompose] = useState(stack.compose);
  const [envBase, setEnvBase] = useState<string | null>(null);
  const [env, setEnv] = useState<string | null>(null);
  const [replaceEnv, setReplaceEnv] = useState(false);
  const [saveIssues, setSaveIssues] = useState<StackIssue[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const envQ = useQuery({
    queryKey: stackKeys.env(stack.id),
    queryFn: ({ signal }) => api.get<{ env: string }>(`/api/v1/stacks/${stack.id}/env`, signal),
    enabled: isAdmin,
    staleTime: Infinity,
  });
  // The saved file changed elsewhere (a rollback, another tab): follow it unless the user is editing.
  if (stack.compose !== base) {
    if (compose === base) setCompose(stack.compose);
    setBase(stack.compose);
  }
  if (envQ.data && envQ.data.env !== envBase) {
    if (env === null || env === envBase) setEnv(envQ.data.env);
    setEnvBase(envQ.data.env);
  }

  const editingEnv = isAdmin ? env !== null : replaceEnv;
  const envText = isAdmin ? env : replaceEnv ? (env ?? "") : null;
  const composeChanged = compose !== stack.compose;
  const envChanged = isAdmin ? env !== null && env !== envBase : replaceEnv;
  const dirty = composeChanged || envChanged;
  const validation = useStackValidation({ name: stack.name, compose, env: envText ?? "", enabled: dirty && editingEnv });

  const discard = () => {
    setCompose(stack.compose);
    setEnv(isAdmin ? envBase : null);
    setReplaceEnv(false);
    setSaveIssues([]);
    setProblem(null);
  };

  const save = async () => {
    setPending(true);
    setProblem(null);
    try {
      await api.patch<StackView>(`/api/v1/stacks/${stack.id}`, { ...(composeChanged && { compose }), ...(envChanged && { env: envText ?? "" }) });
      await qc.invalidateQueries({ queryKey: stackKeys.stack(stack.id) });
      if (envChanged && !isAdmin) {
        setReplaceEnv(false);
        setEnv(null);
      }
      setSaveIssues([]);
      toast("Saved. Review the plan, then apply.");
    } catch (err) {
      if (err instanceof ApiRequestError) setSaveIssues(issuesFromApi(err.issues.filter((i) => i.path.startsWith("compose:"))));
      setProblem(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  const envIntro = isAdmin ? (
    envQ.error ? <Alert tone="error" title="Could not read the .env">{errorMessage(envQ.error)}</Alert> : null
  ) : (
    <div className="space-y-2">
      <EnvNames names={stack.envVariables} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-indigo-600" checked={replaceEnv} onChange={(e) => setReplaceEnv(e.target.checked)} />
        Replace the whole .env
      </label>
    </div>
  );

  return (
    <Card data-testid="stack-edit">
      <CardHeader id="edit" title="Edit" description="Saving does not change what runs: the plan above shows the difference, and Apply rolls it out." />
      <CardBody className="space-y-4">
        {problem && (
          <Alert tone="error" title="Not saved">
            {problem}
          </Alert>
        )}
        <StackFileFields
          idPrefix="edit"
          compose={compose}
          onCompose={(t) => {
            setCompose(t);
            setSaveIssues([]);
          }}
          env={envText}
          onEnv={(t) => {
            setEnv(t);
            setSaveIssues([]);
          }}
          envIntro={envIntro}
          envHint={isAdmin ? "KEY=value lines. Stored sealed; only admins read it back." : "The new file replaces every variable of the old one."}
          validation={validation}
          extraErrors={saveIssues}
          idle={
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              {dirty ? "The server checks the file with its stored .env when you save." : "Change the file to see it checked here."}
            </p>
          }
        />
        {canWrite && (
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={discard} disabled={!dirty || pending}>
              Discard changes
            </Button>
            <Button onClick={() => void save()} loading={pending} disabled={!dirty}>
              Save file
            </Button>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
