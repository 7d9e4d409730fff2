// The import rules of docs/ARCHITECTURE.md are lint errors (eslint.config.mjs): each rule is tried
// here on a file that breaks it and one that keeps it, so a rule cannot be switched off unnoticed.
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(`${code}\nexport const probe = 1;\n`, { filePath });
  return (r?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const cases: { desc: string; file: string; code: string; refused: boolean }[] = [
  { desc: "domain code importing the HTTP layer", file: "lib/dns/probe-rule.ts", code: 'import { ApiError } from "@/lib/api/errors"; void ApiError;', refused: true },
  { desc: "domain code throwing a DomainError", file: "lib/dns/probe-rule.ts", code: 'import { DomainError } from "@/lib/errors"; void DomainError;', refused: false },
  { desc: "a deep import into another domain", file: "lib/dns/probe-rule.ts", code: 'import { isStale } from "@/lib/probes/state"; void isStale;', refused: true },
  { desc: "the same through the domain's index", file: "lib/dns/probe-rule.ts", code: 'import { isStale } from "@/lib/probes"; void isStale;', refused: false },
  { desc: "another domain's published schemas", file: "lib/dns/probe-rule.ts", code: 'import { HostnameSchema } from "@/lib/inventory/names"; void HostnameSchema;', refused: false },
  { desc: "a type-only deep import", file: "lib/dns/probe-rule.ts", code: 'import type { ProbeConfig } from "@/lib/probes/config"; export type X = ProbeConfig;', refused: false },
  { desc: "a foundation in full", file: "lib/dns/probe-rule.ts", code: 'import { rowParser } from "@/lib/db/rows"; void rowParser;', refused: false },
  { desc: "lib importing a component", file: "lib/routes/probe-rule.ts", code: 'import { Button } from "@/components/ui/button"; void Button;', refused: true },
  { desc: "the agent program importing the database", file: "agents/probe-rule.ts", code: 'import { getDb } from "@/lib/db"; void getDb;', refused: true },
  { desc: "the agent program importing the hub", file: "agents/probe-rule.ts", code: 'import { getAgentHub } from "@/lib/agents"; void getAgentHub;', refused: true },
  { desc: "the agent program importing the protocol", file: "agents/probe-rule.ts", code: 'import { PROTOCOL_VERSION } from "@/lib/protocol"; void PROTOCOL_VERSION;', refused: false },
  { desc: "a component reading the database", file: "components/routes/probe-rule.tsx", code: 'import { getDb } from "@/lib/db"; void getDb;', refused: true },
  { desc: "a component wording a time relative to now during render", file: "components/agents/probe-rule.tsx", code: 'import { relativeTime } from "@/lib/client/format"; void relativeTime;', refused: true },
  { desc: "a component using the fixed UTC format", file: "components/agents/probe-rule.tsx", code: 'import { utcTime } from "@/lib/client/format"; void utcTime;', refused: false },
  { desc: "the <Time> component itself", file: "components/ui/time.tsx", code: 'import { relativeTime } from "@/lib/client/format"; void relativeTime;', refused: false },
  { desc: "a component using a domain's schemas", file: "components/routes/probe-rule.tsx", code: 'import { RouteCreateSchema } from "@/lib/routes/schemas"; void RouteCreateSchema;', refused: false },
];

describe("import rules", () => {
  for (const c of cases) {
    it(`${c.refused ? "refuses" : "allows"} ${c.desc}`, async () => {
      const messages = await restricted(c.file, c.code);
      if (c.refused) expect(messages.length, `${c.file}: ${c.code}`).toBeGreaterThan(0);
      else expect(messages).toEqual([]);
    });
  }
}, 60_000);
