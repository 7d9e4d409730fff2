// The save step every Settings section shares: check the patch with the API's own schema, send it,
// show field errors where the fields are (from zod here or the server's 422), and toast what changed.
"use client";

import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { SettingsPatchSchema, type Settings } from "@/lib/settings/schemas";
import { ApiRequestError, errorMessage, useApi } from "@/lib/client/api";
import { issuesToErrors, zodErrors, type FieldErrors } from "@/lib/client/form-errors";

export interface SettingsSave {
  errors: FieldErrors;
  problem: string | null;
  pending: boolean;
  /** Forgets the field errors (the user is editing again). */
  clearErrors(): void;
  /** Validates and stores `patch`; `done` gets the stored settings and returns the toast's words. */
  save(patch: Record<string, unknown>, done: (next: Settings) => string): Promise<void>;
}

export function useSettingsSave(): SettingsSave {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const api = useApi();
  const toast = useToast();

  const save: SettingsSave["save"] = async (patch, done) => {
    setProblem(null);
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      setErrors(zodErrors(parsed.error));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      toast(done(await api.patch<Settings>("/api/v1/settings", parsed.data)));
    } catch (err) {
      if (err instanceof ApiRequestError) setErrors(issuesToErrors(err.issues));
      setProblem(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return { errors, problem, pending, save, clearErrors: () => setErrors({}) };
}
