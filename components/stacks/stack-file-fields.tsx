// The Compose and .env editors with the server's live check beside them, shared by the new-stack
// form and a stack's Edit section. A problem in the list moves the caret to its line in the editor
// it belongs to; lines with problems are marked in each editor's gutter.
"use client";

import { useRef } from "react";
import { Hint } from "@/components/ui/field";
import { MAX_COMPOSE_BYTES, MAX_ENV_BYTES } from "@/lib/stacks/schemas";
import { CodeEditor, type CodeEditorHandle } from "./code-editor";
import { issueEditor, type StackIssue } from "./stack-model";
import type { StackValidationState } from "./use-validation";
import { ValidationPanel } from "./validation-panel";

const COMPOSE_PLACEHOLDER = `services:
  app:
    image: ghcr.io/example/app:1.2
    ports: ["8080:80"]
    depends_on:
      db: { condition: service_healthy }
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    healthcheck:
      test: ["CMD", "pg_isready"]`;

const linesOf = (issues: StackIssue[], editor: "compose" | "env") =>
  issues.filter((i) => i.line !== null && issueEditor(i) === editor).map((i) => i.line!);

export function StackFileFields({
  idPrefix,
  compose,
  onCompose,
  env,
  onEnv,
  envIntro,
  envHint,
  validation,
  extraErrors = [],
  idle,
}: {
  idPrefix: string;
  compose: string;
  onCompose: (text: string) => void;
  /** null: the .env is not being edited (its intro says why and how to replace it). */
  env: string | null;
  onEnv: (text: string) => void;
  envIntro?: React.ReactNode;
  envHint: React.ReactNode;
  validation: StackValidationState;
  extraErrors?: StackIssue[];
  idle?: React.ReactNode;
}) {
  const composeEditor = useRef<CodeEditorHandle>(null);
  const envEditor = useRef<CodeEditorHandle>(null);
  const all = [...extraErrors, ...(validation.data?.errors ?? [])];
  const warnings = validation.data?.warnings ?? [];
  const goTo = (editor: "compose" | "env", line: number) => (editor === "env" ? envEditor : composeEditor).current?.goToLine(line);
  const composeId = `${idPrefix}-compose`;
  const envId = `${idPrefix}-env`;
  return (
    <div className="grid min-w-0 grid-cols-1 gap-6 lg:grid-cols-5">
      <div className="min-w-0 space-y-5 lg:col-span-3">
        <div className="space-y-1.5">
          <label id={`${composeId}-label`} htmlFor={composeId} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Compose file
          </label>
          <Hint id={`${composeId}-hint`}>Paste your docker-compose.yml or upload it. Nothing runs until you apply.</Hint>
          <CodeEditor
            ref={composeEditor}
            id={composeId}
            labelledBy={`${composeId}-label`}
            describedBy={`${composeId}-hint`}
            value={compose}
            onChange={onCompose}
            errorLines={[...linesOf(all, "compose"), ...linesOf(warnings, "compose")]}
            placeholder={COMPOSE_PLACEHOLDER}
            upload={{ label: "Upload .yml", accept: ".yml,.yaml,application/yaml,text/yaml,text/plain", maxBytes: MAX_COMPOSE_BYTES }}
          />
        </div>
        <div className="space-y-1.5">
          <label id={`${envId}-label`} htmlFor={env === null ? undefined : envId} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            .env file <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
          </label>
          {envIntro}
          {env !== null && (
            <>
              <Hint id={`${envId}-hint`}>{envHint}</Hint>
              <CodeEditor
                ref={envEditor}
                id={envId}
                labelledBy={`${envId}-label`}
                describedBy={`${envId}-hint`}
                value={env}
                onChange={onEnv}
                errorLines={linesOf(all, "env")}
                rows={6}
                placeholder={"DB_PASSWORD=change-me\nTZ=Europe/Berlin"}
                upload={{ label: "Upload .env", accept: ".env,text/plain", maxBytes: MAX_ENV_BYTES }}
              />
            </>
          )}
        </div>
      </div>
      <div className="min-w-0 lg:col-span-2">
        <ValidationPanel validation={validation.data} checking={validation.checking} error={validation.error} extraErrors={extraErrors} onGoTo={goTo} idle={idle} />
      </div>
    </div>
  );
}
