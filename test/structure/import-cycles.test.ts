// No import cycles among Homeport's own modules (lib, agents, app, components, server.ts), counting
// what loads at run time: static and dynamic imports and re-exports, not type-only imports. A cycle
// means two domains each need the other to load first (the routes ↔ inventory ↔ tunnel ↔ agents
// loop once hid behind a dynamic import); the failure names a concrete loop to break.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cycles, importGraph, loopThrough } from "./import-graph";

const ROOTS = ["lib", "agents", "app", "components", "server.ts"];

describe("Homeport's import graph", () => {
  const graph = importGraph(process.cwd(), ROOTS);

  it("has no cycle", () => {
    const found = cycles(graph).map((scc) => `${scc.length} files: ${loopThrough(graph, scc)}`);
    expect(found).toEqual([]);
  });

  it("is the real graph: hundreds of files, their imports resolved through the @/ alias and folder indexes", () => {
    expect(graph.files.length).toBeGreaterThan(300);
    const edgeCount = [...graph.edges.values()].reduce((n, e) => n + e.length, 0);
    expect(edgeCount).toBeGreaterThan(graph.files.length);
    expect(graph.edges.get("lib/routes/index.ts")).toContain("lib/routes/store.ts");
    expect(graph.edges.get("app/api/v1/routes/route.ts")).toContain("lib/routes/index.ts");
  });
});

describe("the cycle check", () => {
  const dirs: string[] = [];
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  /** A throwaway project of the given files; returns the loops the check finds in it. */
  function loopsIn(files: Record<string, string>): string[] {
    const root = mkdtempSync(join(tmpdir(), "homeport-cycles-"));
    dirs.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const g = importGraph(root, ["lib", "app", "server.ts"]);
    return cycles(g).map((scc) => loopThrough(g, scc));
  }

  const cases: { desc: string; files: Record<string, string>; loops: string[] }[] = [
    {
      desc: "a static loop through the @/ alias and a folder's index",
      files: { "lib/a/index.ts": 'export * from "./x";', "lib/a/x.ts": 'import { b } from "@/lib/b";\nexport const a = b;', "lib/b/index.ts": 'import { a } from "@/lib/a";\nexport const b = 1; void a;' },
      loops: ["lib/a/index.ts → lib/a/x.ts → lib/b/index.ts → lib/a/index.ts"],
    },
    {
      desc: "a loop closed by a dynamic import()",
      files: { "lib/a.ts": 'import { b } from "./b";\nexport const a = b;', "lib/b.ts": 'export const b = 1;\nexport const later = async () => (await import("./a")).a;' },
      loops: ["lib/a.ts → lib/b.ts → lib/a.ts"],
    },
    {
      desc: "a loop through a named re-export and a .tsx page",
      files: { "app/page.tsx": 'import { x } from "@/lib/x";\nexport const P = () => x;', "lib/x.ts": 'export { P as x } from "../app/page";' },
      loops: ["app/page.tsx → lib/x.ts → app/page.tsx"],
    },
    {
      desc: "a loop through a side-effect import",
      files: { "lib/a.ts": 'import "./b";', "lib/b.ts": 'import "./a";' },
      loops: ["lib/a.ts → lib/b.ts → lib/a.ts"],
    },
    {
      desc: "no loop when the way back is type-only (import type, export type, every name marked type)",
      files: {
        "lib/a.ts": 'import { b } from "./b";\nexport interface A { n: number }\nexport const a = b;',
        "lib/b.ts": 'import type { A } from "./a";\nexport const b: A | null = null;',
        "lib/c.ts": 'import { type A } from "./a";\nexport type { A as C } from "./a";\nexport const c: A | null = null;',
        "lib/d.ts": 'import { a } from "./a";\nimport { c } from "./c";\nexport const d = [a, c];',
      },
      loops: [],
    },
    {
      desc: "no loop through an import written in a comment or a string",
      files: {
        "lib/a.ts": '// import { b } from "./b";\nexport const a = "import(\\"./b\\")";',
        "lib/b.ts": 'import { a } from "./a";\nexport const b = a;',
      },
      loops: [],
    },
  ];
  for (const c of cases) it(c.desc, () => expect(loopsIn(c.files)).toEqual(c.loops));
});
