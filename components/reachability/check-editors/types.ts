// The contract of a check kind's editor: its slice of the form's state, the target fields it
// renders, and the mapping between that state and the engine's `{ type, target }`. One file per
// kind in this folder, one line in index.ts.
import type { ReactNode } from "react";
import type { FieldErrors } from "@/lib/client/form-errors";
import type { CheckSpecInput, CheckType } from "@/lib/probes/engine/schemas";

/** An editor's state: text as typed, booleans for checkboxes. */
export type EditorState = Record<string, string | boolean>;

export interface CheckEditorProps<M> {
  model: M;
  errors: FieldErrors;
  update: (patch: Partial<M>) => void;
  readOnly?: boolean;
}

export interface CheckEditor<K extends string, M extends EditorState> {
  /** The value of the form's type control. */
  kind: K;
  /** What the type control says. */
  label: string;
  /** The engine's check types this editor writes (http writes http or https: the URL decides). */
  types: readonly CheckType[];
  /** Its state for a new check. */
  defaults: M;
  /** Changes to make when the user switches to this kind (e.g. TLS fills in port 443). */
  onSelect?(m: M): Partial<M>;
  /** Per state key, the error paths an edit of it clears. */
  errorPaths: { [P in keyof M]: string[] };
  /** Its state from a stored check's target. */
  fromTarget(target: Readonly<Record<string, unknown>>): M;
  /** `{ type, target }` for the engine's CheckSpecSchema. */
  toSpec(m: M): CheckSpecInput;
  /** Why the typed target is refused by the shared safety rules (scheme, link-local, metadata), if it is. */
  refusal(m: M): string | null;
  /** The target fields: exactly what the engine's schema for its type(s) has. */
  Fields: (props: CheckEditorProps<M>) => ReactNode;
  /** A valid target, as typed (the contract test and documentation). */
  example: Partial<M>;
}

/** Identity, for inference of the kind literal and the state type. */
export function defineCheckEditor<const K extends string, M extends EditorState>(editor: CheckEditor<K, M>): CheckEditor<K, M> {
  return editor;
}
