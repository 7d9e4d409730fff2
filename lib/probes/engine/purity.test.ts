// The engine must stay importable by the agent: no database, no Next.js, no "@/" aliases.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".ts") && !d.name.endsWith(".test.ts") ? [join(dir, d.name)] : [],
  );
}

describe("lib/probes/engine", () => {
  const files = sources(join(process.cwd(), "lib/probes/engine"));
  it("has sources", () => expect(files.length).toBeGreaterThan(5));
  for (const f of files) {
    it(`${f.split("lib/probes/engine/")[1]} imports only node:, zod and relative modules`, () => {
      const imports = [...readFileSync(f, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
      expect(imports.filter((i) => !(i.startsWith("node:") || i.startsWith("./") || i.startsWith("../") || i === "zod"))).toEqual([]);
    });
  }
});
