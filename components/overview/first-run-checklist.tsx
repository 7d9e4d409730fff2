// The first-run checklist: six steps with progress; once all are done it folds away (remembered).
"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { Checklist } from "@/lib/overview/schemas";
import { Card } from "@/components/ui/card";
import { IconCheck, IconChevronDown } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

/** localStorage key: "1" while the completed checklist is folded away. */
export const CHECKLIST_FOLDED_KEY = "homeport.overview.checklist-folded";

export function FirstRunChecklist({ checklist }: { checklist: Checklist }) {
  // Until all steps are done the checklist stays open; after that it is folded unless the user opened it.
  const [open, setOpen] = useState(!checklist.complete);
  useEffect(() => {
    if (!checklist.complete) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    setOpen(window.localStorage.getItem(CHECKLIST_FOLDED_KEY) === "0");
  }, [checklist.complete]);
  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (checklist.complete) window.localStorage.setItem(CHECKLIST_FOLDED_KEY, next ? "0" : "1");
  };
  const pct = Math.round((checklist.done / checklist.total) * 100);
  const next = checklist.steps.find((s) => !s.done);
  return (
    <Card aria-labelledby="checklist-title">
      <div className="flex items-center gap-3 px-5 py-4">
        <div className="min-w-0 flex-1">
          <h2 id="checklist-title" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
            {checklist.complete ? "Setup complete" : "Get your homelab set up"}
          </h2>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400" data-testid="checklist-progress">
            {checklist.done} of {checklist.total} done{next ? ` · next: ${next.title}` : ""}
          </p>
          <div className="mt-2 h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-label="Setup progress" aria-valuemin={0} aria-valuemax={checklist.total} aria-valuenow={checklist.done}>
            <div className="h-full rounded-full bg-indigo-600" style={{ width: `${pct}%` }} />
          </div>
        </div>
        {checklist.complete && (
          <button type="button" onClick={toggle} aria-expanded={open} aria-controls="checklist-steps" className="rounded-md p-2 text-zinc-500 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800">
            <IconChevronDown className={cn("size-5 transition-transform", open && "rotate-180")} />
            <span className="sr-only">{open ? "Hide the checklist" : "Show the checklist"}</span>
          </button>
        )}
      </div>
      {open && (
        <ol id="checklist-steps" className="divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {checklist.steps.map((s, i) => (
            <li key={s.id} className="flex items-start gap-3 px-5 py-3" data-step={s.id} data-done={s.done}>
              <span
                className={cn(
                  "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                  s.done ? "bg-emerald-600 text-white" : "border border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-300",
                )}
              >
                {s.done ? <IconCheck className="size-4" /> : i + 1}
                <span className="sr-only">{s.done ? "Done: " : "Not done: "}</span>
              </span>
              <div className="min-w-0 flex-1">
                <p className={cn("text-sm font-medium", s.done ? "text-zinc-500 line-through dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100")}>{s.title}</p>
                {!s.done && <p className="text-sm text-zinc-500 dark:text-zinc-400">{s.text}</p>}
              </div>
              {!s.done && (
                <Link href={s.href} className="shrink-0 text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
                  {s.cta} →
                </Link>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
