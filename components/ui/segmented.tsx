// A segmented control: a radio group that looks like joined buttons. Arrow keys move the choice.
"use client";

import { cn } from "./cn";

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
    <div role="radiogroup" aria-labelledby={labelledBy} aria-describedby={describedBy} className="inline-flex w-full rounded-lg bg-zinc-100 p-1 sm:w-auto dark:bg-zinc-800">
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
