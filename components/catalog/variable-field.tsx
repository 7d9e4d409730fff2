// One template variable as a form control of its type: a port or number input, a password with
// reveal and "generate", a switch for booleans, a select for enums, text for strings and paths.
"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { randomPassword } from "./catalog-model";
import type { CatalogVariable } from "./catalog-types";

export const fieldId = (name: string) => `var-${name}`;

function hintOf(v: CatalogVariable): string | undefined {
  const generated = v.type === "password" && v.generate ? "Leave empty and Homeport generates a random 32-character password, stored sealed with the stack." : undefined;
  const range = v.type === "port" ? "A port on the host, 1–65535." : undefined;
  return [v.description, generated ?? range].filter(Boolean).join(" ") || undefined;
}

export function Switch({ id, checked, onChange, labelledBy, describedBy: described, disabled }: { id: string; checked: boolean; onChange: (v: boolean) => void; labelledBy: string; describedBy?: string; disabled?: boolean }) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      aria-labelledby={labelledBy}
      aria-describedby={described}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cn(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60",
        checked ? "bg-indigo-600 dark:bg-indigo-500" : "bg-zinc-300 dark:bg-zinc-700",
      )}
    >
      <span className={cn("inline-block size-5 rounded-full bg-white shadow transition-transform", checked ? "translate-x-5" : "translate-x-0.5")} />
    </button>
  );
}

export function VariableField({ variable: v, value, onChange, error, disabled }: { variable: CatalogVariable; value: string; onChange: (value: string) => void; error?: string; disabled?: boolean }) {
  const [revealed, setRevealed] = useState(false);
  const id = fieldId(v.name);
  const hint = hintOf(v);
  const label = (
    <>
      {v.label ?? v.name} <span className="font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">{v.name}</span>
    </>
  );
  const aria = describedBy(id, { hint: !!hint, error });
  // A generated password is not "optional": left empty it is filled (the hint says so).
  const optional = !v.required && v.type !== "boolean";

  if (v.type === "boolean") {
    return (
      <div className="space-y-1.5" data-field data-variable={v.name}>
        <div className="flex items-center justify-between gap-3">
          <span id={`${id}-label`} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {label}
          </span>
          <Switch id={id} checked={value === "true"} onChange={(c) => onChange(c ? "true" : "false")} labelledBy={`${id}-label`} describedBy={aria} disabled={disabled} />
        </div>
        {hint && <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
        {error && <p id={`${id}-error`} role="alert" data-field-error className="text-xs font-medium text-red-600 dark:text-red-400">{error}</p>}
      </div>
    );
  }

  let control: React.ReactNode;
  if (v.type === "enum") {
    control = (
      <Select id={id} value={value} invalid={!!error} aria-describedby={aria} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {(v.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    );
  } else if (v.type === "password") {
    control = (
      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
        <Input
          id={id}
          type={revealed ? "text" : "password"}
          autoComplete="new-password"
          spellCheck={false}
          className="min-w-0 flex-1 font-mono"
          placeholder={v.generate ? "generated when left empty" : undefined}
          value={value}
          invalid={!!error}
          aria-describedby={aria}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        />
        <Button type="button" variant="secondary" size="sm" className="h-10" aria-pressed={revealed} aria-label={`${revealed ? "Hide" : "Show"} ${v.label ?? v.name}`} disabled={disabled} onClick={() => setRevealed((r) => !r)}>
          {revealed ? "Hide" : "Show"}
        </Button>
        <Button type="button" variant="secondary" size="sm" className="h-10" aria-label={`Generate ${v.label ?? v.name}`} disabled={disabled} onClick={() => { onChange(randomPassword()); setRevealed(true); }}>
          Generate
        </Button>
      </div>
    );
  } else {
    const numeric = v.type === "port" || v.type === "number";
    control = (
      <Input
        id={id}
        type={numeric ? "number" : "text"}
        inputMode={numeric ? "numeric" : undefined}
        min={v.type === "port" ? 1 : undefined}
        max={v.type === "port" ? 65535 : undefined}
        autoComplete="off"
        spellCheck={false}
        className={cn(numeric ? "sm:max-w-40" : undefined, v.type === "path" && "font-mono")}
        value={value}
        invalid={!!error}
        aria-describedby={aria}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional} className={cn("min-w-0", v.type === "password" && "sm:col-span-2")}>
      <div data-variable={v.name}>{control}</div>
    </Field>
  );
}
