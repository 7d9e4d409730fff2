// A segmented control: a radio group that looks like joined buttons. Arrow keys move the choice.
"use client";

import { cn } from "./cn";
import { Hint } from "./field";

export interface SegmentOption<T extends string> {
  value: T;
  label: React.ReactNode;
}

export function Segmented<T extends string>({
  name,
  value,
  options,
  onChange,
  labelledBy,
  describedBy,
}: {
  name: string;
  value: T;
  options: SegmentOption<T>[];
  onChange: (v: T) => void;
  labelledBy?: string;
  describedBy?: string;
}) {
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy} className="inline-flex w-full flex-wrap rounded-lg bg-zinc-100 p-1 sm:w-auto dark:bg-zinc-800">
      {options.map((o) => {
        const selected = o.value === value;
        return (
          <label
            key={o.value}
            className={cn(
              "relative flex-1 cursor-pointer rounded-md px-4 py-1.5 text-center text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 sm:flex-none",
              selected ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-950 dark:text-zinc-50" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            <input type="radio" name={name} value={o.value} checked={selected} onChange={() => onChange(o.value)} className="sr-only" />
            {o.label}
          </label>
        );
      })}
    </div>
  );
}

/**
 * A segmented control with its label above and an optional hint below, wired by ids
 * (`<id>-label`, `<id>-hint`) for screen readers. `hideLabel` keeps the label for them only.
 */
export function SegmentedField<T extends string>({
  id,
  label,
  hideLabel = false,
  hint,
  hintClassName,
  className = "space-y-1.5",
  ...control
}: {
  id: string;
  label: React.ReactNode;
  hideLabel?: boolean;
  hint?: React.ReactNode;
  hintClassName?: string;
  className?: string;
  name: string;
  value: T;
  options: SegmentOption<T>[];
  onChange: (v: T) => void;
}) {
  return (
    <div className={className}>
      <span id={`${id}-label`} className={hideLabel ? "sr-only" : "block text-sm font-medium text-zinc-800 dark:text-zinc-200"}>
        {label}
      </span>
      <Segmented {...control} labelledBy={`${id}-label`} describedBy={hint ? `${id}-hint` : undefined} />
      {hint && (
        <Hint id={`${id}-hint`} className={hintClassName}>
          {hint}
        </Hint>
      )}
    </div>
  );
}
