// The plan preview: the exact nft text Homeport's table would hold, its line diff against the table
// in force, and a hash naming this preview (apply refuses a plan that is not the previewed one).
import { createHash } from "node:crypto";
import { FirewallPlanSchema, renderHomeportTable, type FirewallPlan } from "@/lib/protocol/firewall";
import type { FirewallPreview } from "./schemas";

/** Lines diffed at most (a table is at most a few hundred rules). */
const MAX_DIFF_LINES = 2_000;

/** nft's own listing and Homeport's rendering differ in spacing and handles; compare the words. */
export function normaliseLines(text: string | null): string[] {
  if (!text) return [];
  return text
    .split("\n")
    .map((l) => l.replace(/\s+#\s*handle\s+\d+\s*$/, "").replace(/\s+/g, " ").trim())
    .filter((l) => l.length > 0)
    .slice(0, MAX_DIFF_LINES);
}

/** A line diff (longest common subsequence): what stays, what is added, what is removed. */
export function lineDiff(before: string[], after: string[]): FirewallPreview["diff"] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: FirewallPreview["diff"] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: "same", line: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "remove", line: before[i++]! });
    else out.push({ op: "add", line: after[j++]! });
  }
  while (i < n) out.push({ op: "remove", line: before[i++]! });
  while (j < m) out.push({ op: "add", line: after[j++]! });
  return out;
}

/** Over the plan in its canonical form (the schema's key order), so a plan sent back as JSON hashes the same. */
export function previewHash(plan: FirewallPlan, currentTable: string | null): string {
  return createHash("sha256").update(JSON.stringify(FirewallPlanSchema.parse(plan))).update("\0").update(normaliseLines(currentTable).join("\n")).digest("hex");
}

export function buildPreview(input: FirewallPlan, currentTable: string | null, wouldCut: string[]): FirewallPreview {
  const plan = FirewallPlanSchema.parse(input);
  const nftText = renderHomeportTable(plan);
  return {
    plan,
    nftText,
    currentTable,
    diff: lineDiff(normaliseLines(currentTable), normaliseLines(nftText)),
    hash: previewHash(plan, currentTable),
    wouldCut,
  };
}
