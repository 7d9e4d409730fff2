// The run-time import graph of Homeport's own modules, and its cycles. Each file is parsed with
// the TypeScript compiler: static imports, re-exports, side-effect imports, `import x = require()`
// and dynamic `import()` calls are edges (a dynamic import that closes a loop is still a loop in
// the design); type-only imports (`import type`, `export type`, or every name marked `type`) are
// erased at run time and are not. Specifiers resolve like tsconfig: relative, or "@/" = the root.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const SKIP_DIRS = new Set(["node_modules", "generated", ".next"]);
const SOURCE = /\.(ts|tsx|mts)$/;
const TEST = /\.(test|spec)\.(ts|tsx|mts)$/;

/** Source files below `roots` (directories or files, relative to `root`), tests and declarations aside. */
export function sourceFiles(root: string, roots: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p)) if (!SKIP_DIRS.has(e) && !e.startsWith(".")) walk(join(p, e));
    } else if (SOURCE.test(p) && !TEST.test(p) && !p.endsWith(".d.ts")) out.push(relative(root, p).split(sep).join("/"));
  };
  for (const r of roots) walk(join(root, r));
  return out.sort();
}

const stringArg = (n: ts.Node | undefined): string | null => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null);

/** The module specifiers a file loads at run time. */
export function runtimeSpecifiers(fileName: string, text: string): string[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      const spec = stringArg(node.moduleSpecifier);
      if (spec && !typeOnly) out.push(spec);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      const typeOnly = node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly));
      const spec = stringArg(node.moduleSpecifier);
      if (spec && !typeOnly) out.push(spec);
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) {
        const spec = stringArg(node.moduleReference.expression);
        if (spec) out.push(spec);
      }
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const spec = stringArg(node.arguments[0]);
      if (spec) out.push(spec);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export interface ImportGraph {
  files: string[];
  /** file → the project files it loads at run time (both relative to the root, `/`-separated). */
  edges: Map<string, string[]>;
}

/** Resolves `spec` from `from` to one of `known`, or null (a package, or a file outside the scan). */
function resolveSpecifier(root: string, from: string, spec: string, known: Set<string>): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = resolve(root, spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = resolve(root, dirname(from), spec);
  else return null;
  const rel = relative(root, base).split(sep).join("/");
  const candidates = [rel, `${rel}.ts`, `${rel}.tsx`, `${rel}.mts`, `${rel}/index.ts`, `${rel}/index.tsx`, rel.replace(/\.js$/, ".ts"), rel.replace(/\.js$/, ".tsx")];
  return candidates.find((c) => known.has(c)) ?? null;
}

export function importGraph(root: string, roots: string[]): ImportGraph {
  const files = sourceFiles(root, roots);
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const targets = new Set<string>();
    for (const spec of runtimeSpecifiers(f, readFileSync(join(root, f), "utf8"))) {
      const to = resolveSpecifier(root, f, spec, known);
      if (to && to !== f) targets.add(to);
    }
    edges.set(f, [...targets].sort());
  }
  return { files, edges };
}

/** Strongly connected components with more than one file (Tarjan), each sorted. */
export function cycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) out.push(scc.sort());
  };
  for (const f of graph.files) if (!index.has(f)) strong(f);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** One concrete loop through a cycle's first file, for the failure message: `a.ts → b.ts → a.ts`. */
export function loopThrough(graph: ImportGraph, scc: string[]): string {
  const inScc = new Set(scc);
  const start = scc[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.edges.get(v) ?? []) {
      if (!inScc.has(w) || cameFrom.has(w)) continue;
      cameFrom.set(w, v);
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = cameFrom.get(at)!) path.unshift(at);
        path.unshift(start);
        return path.join(" → ");
      }
      queue.push(w);
    }
  }
  return scc.join(", ");
}
