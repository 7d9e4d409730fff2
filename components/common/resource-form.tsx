// What the create/edit forms of the API's collections (services, routes) share: saving with
// POST or PATCH, the problem banner above the form and the Cancel / submit footer below it.
"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError, useApi } from "@/lib/client/api";
import { formProblem, issuesToErrors, type FieldErrors } from "@/lib/client/form-errors";

export type FormProblem = ReturnType<typeof formProblem>;

/**
 * Form state and saving for one record of `/api/v1/<collection>`: `id` given, `save` PATCHes it and
 * re-renders the server page; otherwise it POSTs a new one and opens `<basePath>/<new id>`.
 * The cached lists named in `invalidate` are refreshed first. Server field errors (422) land in
 * `errors`, the summary (conflicts, refusals) in `problem`.
 */
export function useResourceForm<T extends { id: string }>({
  collection,
  noun,
  id,
  invalidate,
  nameOf,
  basePath,
}: {
  collection: string;
  noun: string;
  id?: string;
  invalidate: string[];
  nameOf: (saved: T) => string;
  /** Where the records' pages live, if not at `/<collection>` (e.g. `/reachability/checks`). */
  basePath?: string;
}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [pending, setPending] = useState(false);
  const api = useApi();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();

  const save = async (data: unknown) => {
    setPending(true);
    try {
      const saved = id !== undefined ? await api.patch<T>(`/api/v1/${collection}/${id}`, data) : await api.post<T>(`/api/v1/${collection}`, data);
      for (const key of invalidate) await queryClient.invalidateQueries({ queryKey: [key] });
      toast(id !== undefined ? `Saved ${nameOf(saved)}` : `Created ${noun} ${nameOf(saved)}`);
      if (id !== undefined) {
        setPending(false);
        router.refresh();
      } else {
        router.push(`${basePath ?? `/${collection}`}/${saved.id}`);
      }
    } catch (err) {
      setPending(false);
      if (err instanceof ApiRequestError) setErrors(issuesToErrors(err.issues));
      setProblem(formProblem(err));
    }
  };

  return { errors, setErrors, problem, setProblem, pending, save };
}

/** The banner above a form: why the last attempt was refused. */
export function ProblemBanner({ problem }: { problem: FormProblem | null }) {
  if (!problem) return null;
  return (
    <Alert tone={problem.tone} title={problem.title}>
      {problem.message}
    </Alert>
  );
}

/** Cancel (back to `cancelHref`) and the submit button; stacked on phones, submit on top. */
export function FormFooter({ cancelHref, pending, submitLabel }: { cancelHref: string; pending: boolean; submitLabel: string }) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <ButtonLink href={cancelHref} variant="secondary">
        Cancel
      </ButtonLink>
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
