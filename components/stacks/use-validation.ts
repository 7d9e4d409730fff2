// Checks a Compose file (and .env) on the server as the user types: a pause after the last
// keystroke, then POST /api/v1/stacks/validate; the previous answer stays shown meanwhile.
"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useApi } from "@/lib/client/api";
import { useDebounced } from "@/lib/client/use-debounced";
import { StackNameSchema, type StackValidation } from "@/lib/stacks/schemas";

/** Wait this long after the last keystroke before asking the server. */
export const VALIDATE_DEBOUNCE_MS = 400;

export interface StackValidationState {
  data: StackValidation | undefined;
  /** The answer shown is for older text, or a check is under way. */
  checking: boolean;
  error: unknown;
}

export function useStackValidation(input: { name: string; compose: string; env: string; enabled?: boolean }): StackValidationState {
  const api = useApi();
  // The stack's name shapes its services' names; an unfinished name checks as "stack".
  const name = StackNameSchema.safeParse(input.name).success ? input.name.trim() : "stack";
  const key = JSON.stringify([name, input.compose, input.env]);
  const settled = useDebounced(key, VALIDATE_DEBOUNCE_MS);
  const enabled = (input.enabled ?? true) && input.compose.trim() !== "";
  const q = useQuery({
    queryKey: ["stacks", "validate", settled],
    queryFn: () => {
      const [n, compose, env] = JSON.parse(settled) as [string, string, string];
      return api.post<StackValidation>("/api/v1/stacks/validate", { name: n, compose, env });
    },
    enabled: enabled && settled === key,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
  return { data: enabled ? q.data : undefined, checking: enabled && (settled !== key || q.isFetching), error: enabled ? q.error : null };
}
