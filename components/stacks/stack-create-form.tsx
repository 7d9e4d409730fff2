// The new-stack form: a name, the host it runs on, the Compose file and an optional .env, checked
// by the server as the user types. Create saves it (nothing runs yet) and opens the stack's page,
// where the plan is reviewed and applied.
"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, useApi } from "@/lib/client/api";
import { formProblem } from "@/lib/client/form-errors";
import { StackNameSchema, type StackView } from "@/lib/stacks/schemas";
import { StackFileFields } from "./stack-file-fields";
import { issuesFromApi, type StackIssue } from "./stack-model";
import { useStackValidation } from "./use-validation";

type Problem = ReturnType<typeof formProblem>;

export function StackCreateForm({ hosts }: { hosts: { id: string; name: string }[] }) {
  const api = useApi();
  const router = useRouter();
  const qc = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState("");
  const [hostId, setHostId] = useState(hosts.length === 1 ? hosts[0]!.id : "");
  const [compose, setCompose] = useState("");
  const [env, setEnv] = useState("");
  const [errors, setErrors] = useState<{ name?: string; hostId?: string; compose?: string }>({});
  const [saveIssues, setSaveIssues] = useState<StackIssue[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const validation = useStackValidation({ name, compose, env });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const nameCheck = StackNameSchema.safeParse(name);
    const errs = {
      name: nameCheck.success ? undefined : nameCheck.error.issues[0]?.message,
      hostId: hostId ? undefined : "choose the host it runs on",
      compose: compose.trim() ? undefined : "paste or upload a docker-compose.yml",
    };
    setErrors(errs);
    if (errs.name || errs.hostId || errs.compose) {
      setProblem({ tone: "error", title: "Please fix the highlighted fields", message: "Some values are missing or not valid." });
      return;
    }
    setPending(true);
    try {
      const saved = await api.post<StackView>("/api/v1/stacks", { name: name.trim(), hostId, compose, env });
      await qc.invalidateQueries({ queryKey: ["stacks"] });
      toast(`Created stack ${saved.name}; review the plan, then apply`);
      router.push(`/stacks/${saved.id}`);
    } catch (err) {
      setPending(false);
      if (err instanceof ApiRequestError) {
        const field = (p: string) => err.issues.find((i) => i.path === p)?.message;
        setErrors({ name: field("name"), hostId: field("hostId"), compose: field("compose") });
        setSaveIssues(issuesFromApi(err.issues.filter((i) => i.path.startsWith("compose:"))));
      }
      setProblem(formProblem(err));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-6" aria-label="New stack">
      {problem && (
        <Alert tone={problem.tone} title={problem.title}>
          {problem.message}
        </Alert>
      )}
      <Card>
        <CardHeader title="Where it runs" />
        <CardBody className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <Field id="stack-name" label="Name" error={errors.name} hint="Lower-case letters, digits and hyphens; its services are named <name>-<service>.">
            <Input
              id="stack-name"
              autoComplete="off"
              spellCheck={false}
              placeholder="immich"
              value={name}
              invalid={!!errors.name}
              aria-describedby={describedBy("stack-name", { hint: true, error: errors.name })}
              onChange={(e) => {
                setName(e.target.value);
                setErrors((x) => ({ ...x, name: undefined }));
              }}
            />
          </Field>
          <Field id="stack-host" label="Host" error={errors.hostId} hint={hosts.length ? "The agent on this host runs every service of the stack." : undefined}>
            <Select
              id="stack-host"
              value={hostId}
              invalid={!!errors.hostId}
              aria-describedby={describedBy("stack-host", { hint: hosts.length > 0, error: errors.hostId })}
              onChange={(e) => {
                setHostId(e.target.value);
                setErrors((x) => ({ ...x, hostId: undefined }));
              }}
            >
              <option value="">Choose a host…</option>
              {hosts.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </Select>
          </Field>
          {hosts.length === 0 && (
            <Alert tone="info" className="sm:col-span-2">
              No host has enrolled yet. <Link href="/hosts" className="font-medium underline">Add a host</Link> first: its agent runs the stack.
            </Alert>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Files" description="Homeport checks the file as you type: each problem names its key and line." />
        <CardBody className="space-y-3">
          {errors.compose && (
            <p role="alert" className="text-sm font-medium text-red-600 dark:text-red-400">
              {errors.compose}
            </p>
          )}
          <StackFileFields
            idPrefix="new"
            compose={compose}
            onCompose={(t) => {
              setCompose(t);
              setSaveIssues([]);
              setErrors((x) => ({ ...x, compose: undefined }));
            }}
            env={env}
            onEnv={(t) => {
              setEnv(t);
              setSaveIssues([]);
            }}
            envHint="KEY=value lines, used for ${VARIABLES} in the file. Stored sealed; only admins can read it back."
            validation={validation}
            extraErrors={saveIssues}
            idle={<p className="text-sm text-zinc-500 dark:text-zinc-400">Paste a Compose file to see its services, the variables it uses and any problems.</p>}
          />
        </CardBody>
      </Card>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <ButtonLink href="/stacks" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" loading={pending} disabled={hosts.length === 0}>
          Create stack
        </Button>
      </div>
    </form>
  );
}
