// Small controls of the service form's Advanced section: a checkbox with its hint and error, an
// amount with a MiB/GiB unit, and a text field bound to an error path. Ids tie hints and errors
// to their control (aria-describedby).
"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Field, FieldError, Hint, Input, Select, describedBy } from "@/components/ui/field";
import type { MemoryUnit } from "./runtime-model";

export type Errors = Record<string, string>;

export function Check({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
  badge,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  badge?: { tone: BadgeTone; text: string };
}) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          type="checkbox"
          className="size-4 rounded border-zinc-300 accent-indigo-600"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint: Boolean(hint), error })}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {badge && <Badge tone={badge.tone}>{badge.text}</Badge>}
      </div>
      {hint && (
        <Hint id={`${id}-hint`} className="pl-6">
          {hint}
        </Hint>
      )}
      <div className="pl-6">
        <FieldError id={`${id}-error`} message={error} />
      </div>
    </div>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  placeholder,
  type,
  inputMode,
  step,
  min,
  mono,
  className,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: "text" | "number";
  inputMode?: "numeric" | "decimal";
  step?: string;
  min?: number;
  mono?: boolean;
  className?: string;
}) {
  return (
    <Field id={id} label={label} optional hint={hint} error={error} className={className}>
      <Input
        id={id}
        type={type ?? "text"}
        inputMode={inputMode}
        step={step}
        min={min}
        autoComplete="off"
        spellCheck={false}
        className={mono ? "font-mono" : undefined}
        placeholder={placeholder}
        value={value}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, { hint: Boolean(hint), error })}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** A memory amount typed in MiB or GiB (stored as bytes). */
export function AmountField({
  id,
  label,
  hint,
  error,
  value,
  unit,
  onChange,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  value: string;
  unit: MemoryUnit;
  onChange: (patch: { value?: string; unit?: MemoryUnit }) => void;
}) {
  return (
    <Field id={id} label={label} optional hint={hint} error={error}>
      <div className="flex gap-2">
        <Input
          id={id}
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          placeholder="no limit"
          value={value}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, { hint: Boolean(hint), error })}
          onChange={(e) => onChange({ value: e.target.value })}
        />
        <Select aria-label={`${label} unit`} className="w-24 shrink-0" value={unit} onChange={(e) => onChange({ unit: e.target.value as MemoryUnit })}>
          <option value="MiB">MiB</option>
          <option value="GiB">GiB</option>
        </Select>
      </div>
    </Field>
  );
}

/** A row control's error, with the id its control points at. */
export function RowError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} role="alert" className="mt-1 block text-xs font-medium text-red-600 dark:text-red-400">
      {message}
    </span>
  );
}
