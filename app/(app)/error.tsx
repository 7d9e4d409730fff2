"use client";

import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { IconAlert } from "@/components/ui/icons";

export default function SignedInError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div role="alert" className="mx-auto mt-12 max-w-md rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600 dark:bg-red-950 dark:text-red-400">
        <IconAlert className="size-6" />
      </div>
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">This page could not be loaded. The details are in the server log{digest ? ` (reference ${digest})` : ""}.</p>
      <div className="mt-6 flex justify-center gap-2">
        <ButtonLink href="/" variant="secondary">
          Go to overview
        </ButtonLink>
        <Button onClick={() => retry()}>Try again</Button>
      </div>
    </div>
  );
}
