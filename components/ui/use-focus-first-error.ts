// useFocusFirstError: when a form gets new errors (a failed submit, or the server's 422), move focus
// to the first invalid field and scroll it into view, opening any folded section that hides it.
"use client";

import { useEffect, useRef } from "react";

/** Controls that can take focus inside a field. */
const CONTROL = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])";

/** Focuses the first invalid control in the form (DOM order); falls back to the form's first alert. */
export function focusFirstError(form: HTMLElement): HTMLElement | null {
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"], [data-field-error]');
  let target: HTMLElement | null = first;
  // An error shown without an invalid control (a row, a group): the first control of its field.
  if (first?.hasAttribute("data-field-error")) target = first.closest<HTMLElement>("[data-field]")?.querySelector<HTMLElement>(CONTROL) ?? first;
  target ??= form.querySelector<HTMLElement>('[role="alert"]');
  if (!target) return null;
  for (let d = target.closest("details"); d; d = d.parentElement?.closest("details") ?? null) d.open = true;
  if (!target.matches(CONTROL) && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  const smooth = !window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  target.scrollIntoView?.({ block: "center", behavior: smooth ? "smooth" : "auto" });
  target.focus({ preventScroll: true });
  return target;
}

/**
 * A ref for the <form>; whenever a new set of errors arrives (a submit, even with the same errors
 * again; not the user clearing some by typing), focus moves to the first invalid field after the
 * render that shows it.
 */
export function useFocusFirstError<E extends HTMLElement = HTMLFormElement>(errors: Record<string, unknown>) {
  const ref = useRef<E>(null);
  const previous = useRef<Record<string, unknown>>({});
  useEffect(() => {
    const before = previous.current;
    previous.current = errors;
    const keys = Object.keys(errors);
    const cleared = keys.length < Object.keys(before).length && keys.every((k) => k in before);
    if (!ref.current || keys.length === 0 || cleared) return;
    focusFirstError(ref.current);
  }, [errors]);
  return ref;
}
