// A write-only secret input for forms that also hold the secret's destination (a URL, a server):
// empty keeps the stored secret, unless the destination changes — then it is required, and says
// why, because the server never sends a stored secret to a new address.
"use client";

import { Field, Input, Textarea } from "@/components/ui/field";

const checkbox = "size-4 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-700";

/** Why the secret is needed again, in words: `moved` names what changes (e.g. "address"). */
export function reentryReason(secretLabel: string, moved: string[]): string {
  return `Required: the ${moved.join(" and ")} changes, and the stored ${secretLabel.toLowerCase()} is never sent to a new address. Enter it again.`;
}

export interface SecretFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A secret is stored now (editing); an empty field then keeps it. */
  isSet: boolean;
  /** What of its destination the form changes; non-empty makes the stored secret unusable. */
  moved: string[];
  /** The field may stay empty when nothing is stored (e.g. an admin API without a proxy). */
  optional?: boolean;
  /** Shown when nothing special applies. */
  hint?: string;
  error?: string;
  /** Offer "remove the stored secret" (sends none from now on); null hides the choice. */
  remove?: { checked: boolean; onChange: (checked: boolean) => void } | null;
  multiline?: boolean;
  className?: string;
}

/** Whether the form may be sent as is: a moved destination needs the secret typed or removed. */
export function secretSatisfied(p: Pick<SecretFieldProps, "value" | "isSet" | "moved" | "remove">): boolean {
  return !(p.isSet && p.moved.length > 0 && p.value.trim() === "" && !p.remove?.checked);
}

export function SecretField({ id, label, value, onChange, isSet, moved, optional, hint, error, remove, multiline, className }: SecretFieldProps) {
  const removing = remove?.checked === true;
  const needed = isSet && moved.length > 0 && !removing;
  const shownHint = removing
    ? `The stored ${label.toLowerCase()} is removed on save; nothing is sent in its place.`
    : needed
      ? reentryReason(label, moved)
      : isSet
        ? "Stored encrypted; leave empty to keep it."
        : hint;
  const common = {
    id,
    value,
    disabled: removing,
    required: needed || (!isSet && !optional),
    invalid: Boolean(error),
    "aria-describedby": [shownHint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined,
    spellCheck: false,
  };
  return (
    <div className={className}>
      <Field id={id} label={label} optional={optional && !needed} hint={shownHint} error={error}>
        {multiline ? (
          <Textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} placeholder={isSet ? "(stored)" : undefined} />
        ) : (
          <Input {...common} type="password" autoComplete="new-password" onChange={(e) => onChange(e.target.value)} placeholder={isSet ? "••••••••" : undefined} />
        )}
      </Field>
      {remove && isSet && (
        <label className="mt-2 flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input type="checkbox" className={checkbox} checked={removing} onChange={(e) => remove.onChange(e.target.checked)} />
          Remove the stored {label.toLowerCase()}
        </label>
      )}
    </div>
  );
}
