// A quick action on the check-in page: a large button that asks first (a dialog with the
// confirm button at the bottom, where the thumb is), then calls the API and reports the result.
// The page itself updates from the event stream and a refetch.
"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/components/ui/cn";
import { errorMessage } from "@/lib/client/api";
import { useToast } from "@/components/ui/toast";
import { useCan } from "@/components/auth/role-context";
import type { Scope } from "@/lib/auth/schemas";

export const bigButton = (tone: "primary" | "secondary") =>
  cn(
    "inline-flex h-11 min-w-11 items-center justify-center gap-2 rounded-lg px-4 text-sm font-semibold whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-60",
    tone === "primary"
      ? "bg-indigo-700 text-white shadow-sm hover:bg-indigo-600 dark:bg-indigo-500 dark:text-white dark:hover:bg-indigo-400"
      : "border border-zinc-400 bg-white text-zinc-900 hover:bg-zinc-50 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  );

export function QuickAction({
  label,
  title,
  description,
  confirmLabel,
  done,
  run,
  onDone,
  disabled,
  disabledReason,
  tone = "primary",
  scope = "write",
}: {
  label: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  /** Toast text after success. */
  done: string;
  run: () => Promise<unknown>;
  onDone?: () => void;
  disabled?: boolean;
  disabledReason?: string;
  tone?: "primary" | "secondary";
  /** The scope the action needs; a role without it does not see the button (the server refuses it too). */
  scope?: Scope;
}) {
  const allowed = useCan(scope);
  const [open, setOpen] = useState(false);
  const toast = useToast();
  const m = useMutation({
    mutationFn: run,
    onSuccess: () => {
      setOpen(false);
      toast(done);
      onDone?.();
    },
  });
  if (!allowed) return null;
  return (
    <>
      <button type="button" className={bigButton(tone)} disabled={disabled} title={disabled ? disabledReason : undefined} onClick={() => { m.reset(); setOpen(true); }}>
        {label}
      </button>
      <Dialog open={open} onClose={() => !m.isPending && setOpen(false)} title={title} description={description}>
        {m.isError && <Alert tone="error" className="mb-4">{errorMessage(m.error)}</Alert>}
        <div className="grid gap-2 sm:grid-cols-2">
          <button type="button" className={cn(bigButton("secondary"), "h-12 sm:order-1")} onClick={() => setOpen(false)} disabled={m.isPending} autoFocus>
            Cancel
          </button>
          <button type="button" className={cn(bigButton("primary"), "h-12 sm:order-2")} onClick={() => m.mutate()} disabled={m.isPending} aria-busy={m.isPending || undefined}>
            {m.isPending && <Spinner className="size-4" />}
            {confirmLabel}
          </button>
        </div>
      </Dialog>
    </>
  );
}
