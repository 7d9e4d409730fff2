// Field errors for forms: from zod (checked in the browser) and from the API's 422 issues, both
// keyed by a dotted path such as "ports.0.host".
import type { z } from "zod";
import { ApiRequestError, type FieldIssue } from "./api";

export type FieldErrors = Record<string, string>;

export function issuesToErrors(issues: FieldIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = i.path || "_form";
    out[key] ??= humanize(i.message) ?? i.message;
  }
  return out;
}

export function zodErrors(error: z.ZodError): FieldErrors {
  return issuesToErrors(error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
}

/** The summary to show above a form for an API error, or null if the fields say it all. */
export function formProblem(err: unknown): { tone: "error" | "warning"; title: string; message: string } {
  if (err instanceof ApiRequestError) {
    if (err.status === 409) return { tone: "warning", title: "Conflict", message: err.message };
    if (err.status === 422) return { tone: "error", title: "Please fix the highlighted fields", message: err.message };
    if (err.status === 403) return { tone: "error", title: "Not allowed", message: err.message };
    return { tone: "error", title: "Could not save", message: err.message };
  }
  return { tone: "error", title: "Could not save", message: err instanceof Error ? err.message : "Something went wrong" };
}

/** zod's generic wording for a missing number, in plain words. */
export function humanize(message: string | undefined): string | undefined {
  if (!message) return message;
  if (/^Invalid input: expected number, received (undefined|NaN)/.test(message)) return "required";
  if (/^Invalid input: expected string, received undefined/.test(message)) return "required";
  return message;
}

/** Drops the errors of fields the user has just edited (a key or anything under it). */
export function clearErrors(errors: FieldErrors, fields: string[]): FieldErrors {
  const out: FieldErrors = {};
  let changed = false;
  for (const [k, v] of Object.entries(errors)) {
    if (fields.some((f) => k === f || k.startsWith(f + "."))) changed = true;
    else out[k] = v;
  }
  return changed ? out : errors;
}
