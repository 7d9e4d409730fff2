// "Delete" with a confirmation dialog (not shown to viewers); a 409 (still in use) is shown inside the dialog.
"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { IconTrash } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, useApi } from "@/lib/client/api";
import { useCan } from "@/components/auth/role-context";

export function DeleteButton({
  url,
  noun,
  name,
  consequence,
  redirectTo,
}: {
  url: string;
  noun: string;
  name: string;
  consequence: React.ReactNode;
  redirectTo: string;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ conflict: boolean; message: string } | null>(null);
  const api = useApi();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = useCan("write");

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await api.del(url);
      // Counts elsewhere (routes per service) change too, so every cached list is refreshed.
      await queryClient.invalidateQueries();
      toast(`Deleted ${noun} ${name}`);
      setOpen(false);
      router.push(redirectTo);
      router.refresh();
    } catch (err) {
      setPending(false);
      setError({ conflict: err instanceof ApiRequestError && err.status === 409, message: err instanceof Error ? err.message : "Delete failed" });
    }
  };

  if (!canWrite) return null;
  return (
    <>
      <Button
        variant="secondary"
        className="text-red-700 dark:text-red-400"
        onClick={() => {
          setError(null);
          setPending(false);
          setOpen(true);
        }}
      >
        <IconTrash className="size-4" /> Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={confirm}
        pending={pending}
        title={`Delete ${noun} “${name}”?`}
        description={consequence}
        confirmLabel={`Delete ${noun}`}
        error={
          error && (
            <Alert tone={error.conflict ? "warning" : "error"} title={error.conflict ? `This ${noun} is still in use` : "Could not delete"}>
              {error.message}
            </Alert>
          )
        }
      />
    </>
  );
}
