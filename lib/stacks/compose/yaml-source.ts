// Reads a Compose file's YAML within limits (size, nesting, aliases), with syntax and duplicate-key
// errors at their line, and a locator from a key path back to the node (through aliases and `<<`).
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { formatPath, type KeyPath, type Locate } from "./issues";

export const MAX_COMPOSE_BYTES = 256 * 1024;
/**
 * Nodes once every alias is expanded. A 256 KiB file holds at most a few tens of thousands; an
 * "alias bomb" (aliases of aliases) needs millions.
 */
export const MAX_EXPANDED_NODES = 200_000;
/** Aliases in one file: real files use a few dozen (the parser resolves each by a scan). */
export const MAX_ALIASES = 1000;
/** The parser's own alias guard, behind ours (its count grows with plain reuse of one anchor). */
const PARSER_MAX_ALIAS_COUNT = 10_000;
/** Nesting of maps and lists: a Compose file needs about 8 levels. */
export const MAX_NESTING = 32;
/** Merge keys followed while locating a key (a `<<` whose source merges another, and so on). */
const MAX_MERGE_HOPS = 16;

export type YamlIssue = { path: KeyPath; line: number | null; column: number | null; message: string };
export type LoadedYaml = { ok: true; value: unknown; locate: Locate } | { ok: false; errors: YamlIssue[] };

type Position = { line: number; column: number };

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Deepest nesting of flow collections (`[`, `{`), from the lexer's tokens, before parsing them. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const tok of new Lexer().lex(text)) {
    if (tok === "[" || tok === "{") max = Math.max(max, ++depth);
    else if ((tok === "]" || tok === "}") && depth > 0) depth--;
  }
  return max;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === "symbol" || (key.value === "<<" && key.source === "<<"));
}

function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The value (and key) under `seg` in a map or list node, looking through aliases and merge keys. */
function child(doc: Document, node: unknown, seg: string | number, hops = 0): { key: Node | null; value: unknown } | null {
  const n = deref(doc, node);
  if (isSeq(n)) return typeof seg === "number" && seg < n.items.length ? { key: null, value: n.items[seg] } : null;
  if (!isMap(n)) return null;
  for (const pair of n.items) {
    if (isMergeKey(pair.key)) continue;
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(k) === String(seg)) return { key: isScalar(pair.key) ? pair.key : null, value: pair.value };
  }
  if (hops >= MAX_MERGE_HOPS) return null;
  for (const pair of n.items) {
    if (!isMergeKey(pair.key)) continue;
    const src = deref(doc, pair.value);
    for (const s of isSeq(src) ? src.items : [src]) {
      const found = child(doc, s, seg, hops + 1);
      if (found) return found;
    }
  }
  return null;
}

function startOf(node: unknown): number | null {
  if (node && typeof node === "object" && "range" in node) {
    const r = (node as { range?: [number, number, number] | null }).range;
    if (r) return r[0];
  }
  return null;
}

function makeLocator(doc: Document, lc: LineCounter): Locate {
  const pos = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return (path, at = "value") => {
    let node: unknown = doc.contents;
    let keyNode: Node | null = null;
    let complete = true;
    for (const seg of path) {
      const found = child(doc, node, seg);
      if (!found) {
        complete = false;
        break;
      }
      node = found.value;
      keyNode = found.key;
    }
    const value = deref(doc, node);
    const scalarValue = isScalar(value) && value.value !== null;
    // A key names a collection, a missing value or a missing child better than the line inside it.
    const useKey = keyNode !== null && ((complete && at === "key") || !scalarValue || !complete);
    const offset = (useKey ? startOf(keyNode) : startOf(node)) ?? startOf(keyNode) ?? startOf(doc.contents);
    return offset === null ? null : pos(offset);
  };
}

/** The key path of the deepest node that holds `offset` (for parser errors, e.g. a duplicate key). */
function pathAt(doc: Document, offset: number): KeyPath {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < MAX_NESTING * 2; depth++) {
    let next: unknown = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const kr = pair.key.range;
        const vr = (pair.value as { range?: [number, number, number] } | null)?.range;
        const end = vr ? vr[2] : kr ? kr[2] : -1;
        if (kr && offset >= kr[0] && offset <= end) {
          path.push(String(pair.key.value));
          next = offset >= kr[0] && offset < kr[1] ? null : pair.value;
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const r = (item as { range?: [number, number, number] } | null)?.range;
        if (next === null && r && offset >= r[0] && offset <= r[2]) {
          path.push(i);
          next = item;
        }
      });
    }
    if (next === null) break;
    node = next;
  }
  return path;
}

/**
 * Deepest nesting of the document's maps and lists (aliases not followed), and the offsets of
 * duplicate keys, in one pass without recursion (the parser's own duplicate check is quadratic).
 */
function inspect(doc: Document): { depth: number; duplicates: number[] } {
  let depth = 0;
  const duplicates: number[] = [];
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (isMap(node)) {
      depth = Math.max(depth, d);
      if (d > MAX_NESTING) break;
      const seen = new Set<string>();
      for (const p of node.items) {
        if (isScalar(p.key) && !isMergeKey(p.key)) {
          const k = String(p.key.value);
          if (seen.has(k) && p.key.range) duplicates.push(p.key.range[0]);
          seen.add(k);
        }
        stack.push([p.value, d + 1]);
      }
    } else if (isSeq(node)) {
      depth = Math.max(depth, d);
      if (d > MAX_NESTING) break;
      for (const item of node.items) stack.push([item, d + 1]);
    }
  }
  return { depth, duplicates: duplicates.sort((a, b) => a - b) };
}

/**
 * The document's size with aliases expanded; "circular" when an alias points into the node that
 * holds it; "too many" past MAX_ALIASES. Post-order in document order, anchors recorded as they
 * open: an alias's anchor (always earlier) is already sized unless it is an ancestor still open.
 */
function expandedSize(doc: Document): number | "circular" | "too many" {
  const sizes = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  let aliases = 0;
  const stack: { node: unknown; open: boolean }[] = [{ node: doc.contents, open: false }];
  while (stack.length) {
    const top = stack.pop()!;
    const n = top.node;
    if (!top.open && n && typeof n === "object" && "anchor" in n && typeof n.anchor === "string") anchors.set(n.anchor, n);
    if (isAlias(n)) {
      if (++aliases > MAX_ALIASES) return "too many";
      const size = sizes.get(anchors.get(n.source));
      if (size === undefined) return "circular";
      sizes.set(n, size);
    } else if (!isMap(n) && !isSeq(n)) {
      sizes.set(n, 1);
    } else {
      const children: unknown[] = isMap(n) ? n.items.flatMap((p) => [p.key, p.value]) : n.items;
      if (!top.open) {
        stack.push({ node: n, open: true });
        for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], open: false });
        continue;
      }
      let size = 1;
      for (const c of children) size += sizes.get(c) ?? 1;
      if (size > MAX_EXPANDED_NODES) return size;
      sizes.set(n, size);
    }
  }
  return sizes.get(doc.contents) ?? 0;
}

/** First line of a parser message, without the position the parser appends. */
function plainMessage(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
}

export function loadYaml(text: string): LoadedYaml {
  const size = utf8Length(text);
  if (size > MAX_COMPOSE_BYTES) {
    return { ok: false, errors: [{ path: [], line: null, column: null, message: `the file is ${Math.ceil(size / 1024)} KiB; at most ${MAX_COMPOSE_BYTES / 1024} KiB` }] };
  }
  if (flowDepth(text) > MAX_NESTING) {
    return { ok: false, errors: [{ path: [], line: null, column: null, message: `the file nests lists or maps more than ${MAX_NESTING} levels deep` }] };
  }
  const lc = new LineCounter();
  // prettyErrors off: building the excerpt of a deeply nested error can exhaust the heap.
  const doc = parseDocument(text, { lineCounter: lc, merge: true, uniqueKeys: false, prettyErrors: false, strict: true });
  const errors: YamlIssue[] = [];
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === "TAG_RESOLVE_FAILED")];
  for (const e of problems.slice(0, 10)) {
    const p = lc.linePos(e.pos[0]);
    const path = pathAt(doc, e.pos[0]);
    const what = e.code === "TAG_RESOLVE_FAILED" ? `${plainMessage(e.message).replace(/^Unresolved tag/, "unsupported YAML tag")} (Compose's !reset and !override merge files, which a stack does not)`
      : e.code === "MULTIPLE_DOCS" ? "a Compose file is one YAML document (remove the extra ---)"
      : `YAML syntax error: ${plainMessage(e.message)}`;
    errors.push({ path: path.slice(0, -1), line: p.line, column: p.col, message: what });
  }
  if (errors.length) return { ok: false, errors };
  const shape = inspect(doc);
  if (shape.depth > MAX_NESTING) {
    return { ok: false, errors: [{ path: [], line: null, column: null, message: `the file nests lists or maps more than ${MAX_NESTING} levels deep` }] };
  }
  if (shape.duplicates.length) {
    return {
      ok: false,
      errors: shape.duplicates.slice(0, 10).map((offset) => {
        const path = pathAt(doc, offset);
        const p = lc.linePos(offset);
        return { path, line: p.line, column: p.col, message: `the key ${formatPath(path) || "here"} appears twice` };
      }),
    };
  }
  const expanded = expandedSize(doc);
  if (expanded === "circular" || expanded === "too many") {
    const message = expanded === "circular" ? "an alias refers to a map or list that contains it" : `more than ${MAX_ALIASES} aliases`;
    return { ok: false, errors: [{ path: [], line: null, column: null, message }] };
  }
  const bomb = { ok: false as const, errors: [{ path: [], line: null, column: null, message: `aliases expand the file to more than ${MAX_EXPANDED_NODES} values: an "alias bomb"` }] };
  if (expanded > MAX_EXPANDED_NODES) return bomb;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: PARSER_MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) return bomb;
    return { ok: false, errors: [{ path: [], line: null, column: null, message: "the YAML could not be read" }] };
  }
  return { ok: true, value, locate: makeLocator(doc, lc) };
}
