// Helpers of the matrix for tags and groups (facets, rows under group headings) and the grey
// "Paused" / blue "In maintenance" pill that replaces a check's status while it is quiet.
import type { Matrix } from "@/lib/probes/queries";
import type { CheckView } from "@/lib/probes/schemas";

type Row = Matrix["rows"][number];

/** The tags and groups present in the rows, sorted. */
export function rowFacets(rows: Row[]): { tags: string[]; groups: string[] } {
  const tags = new Set<string>();
  const groups = new Set<string>();
  for (const r of rows) {
    for (const t of r.check.tags) tags.add(t);
    if (r.check.groupName) groups.add(r.check.groupName);
  }
  return { tags: [...tags].sort((a, b) => a.localeCompare(b)), groups: [...groups].sort((a, b) => a.localeCompare(b)) };
}

/** Rows under their group (alphabetical), checks in no group last; each group keeps the rows' order. */
export function groupRows(rows: Row[]): [string | null, Row[]][] {
  const by = new Map<string | null, Row[]>();
  for (const r of rows) by.set(r.check.groupName, [...(by.get(r.check.groupName) ?? []), r]);
  return [...by].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
}

export function OpsPill({ check, inMaintenance, fallback }: { check: Pick<CheckView, "pausedAt" | "pausedBy">; inMaintenance: boolean; fallback: React.ReactNode }) {
  if (check.pausedAt)
    return (
      <span title={check.pausedBy ? `Paused by ${check.pausedBy}` : "Paused"} className="inline-flex items-center gap-1.5 rounded-md bg-zinc-100 px-2 py-1 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-800 dark:text-zinc-400 dark:ring-zinc-700">
        <span aria-hidden className="size-2 rounded-full bg-zinc-400" />
        Paused
      </span>
    );
  if (inMaintenance)
    return (
      <span className="inline-flex items-center gap-1.5 rounded-md bg-sky-50 px-2 py-1 text-xs font-medium text-sky-800 ring-1 ring-sky-200 ring-inset dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-900">
        <span aria-hidden className="size-2 rounded-full bg-sky-500" />
        In maintenance
      </span>
    );
  return <>{fallback}</>;
}
