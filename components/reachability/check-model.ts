// The check form's state (text as typed) and the API payloads made from it: what every check has
// (name, timing, vantage points, channels, expectation, group and tags) here, each type's target in its editor
// (./check-editors), found by type in one registry.
import type { CheckExpectation, CheckView } from "@/lib/probes/schemas";
import type { CheckType } from "@/lib/probes/engine/schemas";
import { CHECK_EDITORS, EDITORS, type CheckKind, type EditorModels } from "./check-editors";
import { num } from "./check-editors/controls";

export { CHECK_KINDS, DNS_RECORD_TYPES, HTTP_METHODS, httpType, type CheckKind, type DnsRecordType, type HttpMethod } from "./check-editors";

/** What every check has, whatever its type. */
export interface CommonModel {
  name: string;
  kind: CheckKind;
  intervalSec: string;
  timeoutMs: string;
  retries: string;
  vantages: string[];
  channels: string[];
  enabled: boolean;
  /** "unreachable": an exposure check, up when the target does not answer. */
  expectation: CheckExpectation;
  /** The group, as typed (empty: none). */
  groupName: string;
  /** Tags as typed, comma-separated. */
  tags: string;
}

export type CheckModel = CommonModel & EditorModels;

export const EXPECTATIONS: { value: CheckExpectation; label: string }[] = [
  { value: "reachable", label: "Reachable" },
  { value: "unreachable", label: "Unreachable (exposure check)" },
];

/** Every editor's defaults; where two share a field, the earlier editor's default stands. */
function editorDefaults(): EditorModels {
  return Object.assign({}, ...[...EDITORS].reverse().map((e) => e.defaults));
}

export function emptyModel(kind: CheckKind = "http"): CheckModel {
  return {
    ...editorDefaults(),
    ...CHECK_EDITORS[kind].defaults,
    name: "",
    kind,
    intervalSec: "60",
    timeoutMs: "10000",
    retries: "1",
    vantages: [],
    channels: [],
    enabled: true,
    expectation: "reachable",
    groupName: "",
    tags: "",
  };
}

export function kindOf(type: CheckType): CheckKind {
  return CHECK_EDITORS[type].kind;
}

export function modelFromCheck(c: CheckView): CheckModel {
  return {
    ...emptyModel(kindOf(c.type)),
    ...CHECK_EDITORS[c.type].fromTarget(c.target),
    name: c.name,
    intervalSec: String(c.intervalSec),
    timeoutMs: String(c.timeoutMs),
    retries: String(c.retries),
    vantages: [...c.vantages],
    channels: [...c.channels],
    enabled: c.enabled,
    expectation: c.expectation,
    groupName: c.groupName ?? "",
    tags: c.tags.join(", "),
  };
}

/** `{ type, target }` for the engine's CheckSpecSchema, by the chosen type's editor. */
export function specFromModel(m: CheckModel) {
  return CHECK_EDITORS[m.kind].toSpec(m);
}

/** Why the typed target is refused by the safety rules (scheme, link-local, metadata), if it is. */
export function targetRefusal(m: CheckModel): string | null {
  return CHECK_EDITORS[m.kind].refusal(m);
}

/** The error paths an edit of `key` clears. */
export function errorPathsOf(key: keyof CheckModel): string[] {
  if (key === "kind") return ["type", "target"];
  const paths = EDITORS.flatMap((e) => e.errorPaths[key] ?? []);
  return paths.length > 0 ? [...new Set(paths)] : [key];
}

/** The typed tags as a list: split on commas, trimmed, empties dropped. */
export function tagsFromText(text: string): string[] {
  return text.split(",").map((t) => t.trim()).filter((t) => t !== "");
}

/** Interval, timeout, retries, channels, enabled, group and tags: what an automatic check lets the user change. */
export function tuningFromModel(m: CheckModel) {
  return {
    intervalSec: num(m.intervalSec), timeoutMs: num(m.timeoutMs), retries: num(m.retries), channels: m.channels, enabled: m.enabled,
    groupName: m.groupName.trim() === "" ? null : m.groupName.trim(), tags: tagsFromText(m.tags),
  };
}

/** The whole check, for POST (and for PATCH of a manual check). */
export function payloadFromModel(m: CheckModel) {
  return { ...specFromModel(m), name: m.name, ...tuningFromModel(m), vantages: m.vantages, expectation: m.expectation };
}

/** Vantage selectors after ticking one box: "kind:lan" covers every LAN id, so those ids are dropped. */
export function toggleVantage(selected: string[], value: string, on: boolean, kindOfId: Record<string, "lan" | "remote">): string[] {
  let next = on ? [...new Set([...selected, value])] : selected.filter((v) => v !== value);
  if (on && (value === "kind:lan" || value === "kind:remote")) {
    const kind = value.slice(5);
    next = next.filter((v) => kindOfId[v] !== kind);
  }
  return next;
}
