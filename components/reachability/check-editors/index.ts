// The check editors by engine check type, one line each (http and https share the HTTP(S)
// editor: the URL decides). Every engine type must have one (checked at compile time); the form
// offers each editor once, in this order.
import type { ReactNode } from "react";
import type { CheckSpecInput, CheckType } from "@/lib/probes/engine/schemas";
import type { CheckModel } from "../check-model";
import { dnsEditor } from "./dns";
import { httpEditor } from "./http";
import { tcpEditor } from "./tcp";
import { tlsEditor } from "./tls";
import { pingEditor } from "./ping";
import { pushEditor } from "./push";
import { egressEditor } from "./egress";
import type { CheckEditorProps } from "./types";

const editors = {
  http: httpEditor,
  https: httpEditor,
  tcp: tcpEditor,
  dns: dnsEditor,
  tls: tlsEditor,
  ping: pingEditor,
  push: pushEditor,
  egress: egressEditor,
} satisfies { [T in CheckType]: { types: readonly CheckType[] } };

type Editors = (typeof editors)[CheckType];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The form's type control: one value per editor. */
export type CheckKind = Editors["kind"];
/** Every editor's state, together (the form keeps what was typed when the type changes). */
export type EditorModels = UnionToIntersection<Editors["defaults"]>;

/** An editor as the form uses it: on the form's whole state. */
export interface FormCheckEditor {
  kind: CheckKind;
  label: string;
  types: readonly CheckType[];
  defaults: Partial<CheckModel>;
  onSelect?(m: CheckModel): Partial<CheckModel>;
  errorPaths: Partial<Record<keyof CheckModel, string[]>>;
  fromTarget(target: Readonly<Record<string, unknown>>): Partial<CheckModel>;
  toSpec(m: CheckModel): CheckSpecInput;
  refusal(m: CheckModel): string | null;
  Fields: (props: CheckEditorProps<CheckModel>) => ReactNode;
  example: Partial<CheckModel>;
}

export const CHECK_EDITORS: { readonly [T in CheckType]: FormCheckEditor } = editors;

/** Each editor once, in registry order. */
export const EDITORS: readonly FormCheckEditor[] = [...new Set(Object.values(CHECK_EDITORS))];

/** What the type control offers. */
export const CHECK_KINDS: { value: CheckKind; label: string }[] = EDITORS.map((e) => ({ value: e.kind, label: e.label }));

export type { CheckEditor, CheckEditorProps, EditorState } from "./types";
export { HTTP_METHODS, httpType, type HttpMethod } from "./http";
export { DNS_RECORD_TYPES, type DnsRecordType } from "./dns";
