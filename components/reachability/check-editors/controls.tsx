// Small form controls the check form and its per-kind editors share: a number field and a checkbox.
"use client";

import { Field, Input, describedBy } from "@/components/ui/field";

const checkbox = "size-4 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-600";

export function NumberField({ id, label, value, error, hint, min, max, disabled, onChange, className }: {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  min?: number;
  max?: number;
  disabled?: boolean;
  onChange: (v: string) => void;
  className?: string;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <Input id={id} type="number" inputMode="numeric" min={min} max={max} value={value} disabled={disabled} invalid={!!error} aria-describedby={describedBy(id, { hint: !!hint, error })} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

export function Check({ id, label, checked, disabled, onChange, hint, error }: { id: string; label: React.ReactNode; checked: boolean; disabled?: boolean; onChange: (v: boolean) => void; hint?: React.ReactNode; error?: string }) {
  return (
    <div>
      <label htmlFor={id} className="flex min-h-10 items-center gap-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        <input id={id} type="checkbox" className={checkbox} checked={checked} disabled={disabled} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { hint: !!hint, error })} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={`${id}-hint`} className="ml-6 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="ml-6 text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** A text column of a check target as the form shows it ("" for unset). */
export const str = (v: unknown, fallback = ""): string => (v === undefined || v === null ? fallback : String(v));

/** A number as typed; blank stays undefined so the schema says "required" (or applies its default). */
export function num(s: string): number | undefined {
  const t = s.trim();
  return t === "" ? undefined : Number(t);
}

/** An optional text as typed: blank is left out. */
export const opt = (s: string): string | undefined => (s.trim() === "" ? undefined : s);

/** The fields of a nested target object ({} when it is not one). */
export const fields = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v)) : {});
