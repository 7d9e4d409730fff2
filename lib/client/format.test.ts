// Words for people: every audit action the code records has a label (found by reading lib/), and
// the list's figures (uptime, bytes, CPU) read with units.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actionLabel, actionSentence, formatBytes, formatPercent, hasActionLabel, shortDuration } from "./format";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "generated" ? [] : sources(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

/** Audit actions written in lib/: `action: "a.b"` and the values of `*AUDIT_ACTIONS` maps. */
function auditActions(): { actions: Set<string>; templates: string[] } {
  const actions = new Set<string>();
  const templates: string[] = [];
  for (const file of sources("lib")) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\baction: "([a-z_]+(?:\.[a-z_]+)+)"/g)) actions.add(m[1]!);
    for (const m of text.matchAll(/AUDIT_ACTIONS[^=]*=\s*\{([^}]*)\}/g)) for (const v of m[1]!.matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)) actions.add(v[1]!);
    for (const m of text.matchAll(/recordAudit\([^;]*?action: `([^`]*)`/g)) templates.push(`${file}: ${m[1]}`);
  }
  return { actions, templates };
}

describe("audit action labels", () => {
  it("covers every action the code records (and the code builds none it cannot find)", () => {
    const { actions, templates } = auditActions();
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !hasActionLabel(a)).sort(), "actions without words in lib/client/format.ts").toEqual([]);
    expect(templates, "audit actions built from templates cannot be checked; use a literal map named *AUDIT_ACTIONS").toEqual([]);
  });

  it("reads as a sentence with its object; an unknown action reads as words, not a code", () => {
    expect(actionSentence("service.deploy", "web")).toBe("Deployed service web");
    expect(actionSentence("drill.run")).toBe("Ran the drill");
    expect(actionLabel("future.thing_done")).toBe("Future thing done");
  });
});

describe("figures", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it("uptime is short and whole", () => {
    expect(shortDuration("2026-01-01T11:59:30Z", now)).toBe("30 s");
    expect(shortDuration("2026-01-01T11:54:00Z", now)).toBe("6 min");
    expect(shortDuration("2026-01-01T09:30:00Z", now)).toBe("2 h");
    expect(shortDuration("2025-12-29T12:00:00Z", now)).toBe("3 d");
  });
  it("bytes in binary units, CPU with one decimal under 10 %", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(48.25 * 1024 * 1024)).toBe("48.3 MiB");
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1.5 GiB");
    expect(formatPercent(0.34)).toBe("0.3 %");
    expect(formatPercent(42.4)).toBe("42 %");
  });
});
