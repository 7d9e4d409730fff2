// What the product imports at run time must be installed in production: the image prunes dev
// dependencies (`npm prune --omit=dev`), so a package imported by lib/, app/, components/,
// agents/ or server.ts (tests aside) has to be a dependency, not a devDependency.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";

const ROOTS = ["lib", "app", "components", "agents", "server.ts"];
const SKIP_DIRS = new Set(["node_modules", "generated", ".next"]);
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"'./@][^"']*|@[^"'/]+\/[^"']+)["']|import\(\s*["']([^"'./][^"']*)["']\s*\)/g;

function sources(p: string, out: string[] = []): string[] {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p)) if (!SKIP_DIRS.has(e)) sources(join(p, e), out);
  } else if (/\.(ts|tsx|mjs)$/.test(p) && !/\.(test|spec)\.tsx?$/.test(p) && !p.endsWith(".d.ts")) out.push(p);
  return out;
}

const packageOf = (spec: string) => (spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);

describe("runtime dependencies", () => {
  it("every package the product imports is a production dependency", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const wrong: string[] = [];
    for (const file of ROOTS.flatMap((r) => sources(r))) {
      const src = readFileSync(file, "utf8");
      for (const m of src.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        if (!spec || spec.startsWith("@/") || builtins.has(spec) || builtins.has(spec.split("/")[0]!)) continue;
        if (/^\s*import\s+type\b|^\s*export\s+type\b/.test(m[0].trim())) continue; // erased at run time
        const name = packageOf(spec);
        if (!(name in pkg.dependencies)) wrong.push(`${file}: ${spec}${name in pkg.devDependencies ? " (a devDependency)" : " (not in package.json)"}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
