// A list of editable rows (ports, variables, volumes) with add and remove buttons.
"use client";

import { Button } from "@/components/ui/button";
import { IconPlus, IconTrash } from "@/components/ui/icons";

export function RowList<T extends { key: number }>({
  rows,
  noun,
  header,
  renderRow,
  onAdd,
  onRemove,
  empty,
  error,
}: {
  rows: T[];
  noun: string;
  header?: React.ReactNode;
  renderRow: (row: T, index: number) => React.ReactNode;
  onAdd: () => void;
  onRemove: (key: number) => void;
  empty: React.ReactNode;
  error?: string;
}) {
  return (
    <div className="space-y-3">
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">{empty}</p>
      ) : (
        <div className="space-y-3">
          {header && <div className="hidden sm:block">{header}</div>}
          {rows.map((row, i) => (
            <div key={row.key} className="flex items-start gap-2 rounded-lg border border-zinc-200 p-3 sm:border-0 sm:p-0 dark:border-zinc-800">
              <div className="min-w-0 flex-1">{renderRow(row, i)}</div>
              <Button variant="ghost" size="sm" className="mt-5 h-10 w-10 shrink-0 px-0 sm:mt-0" aria-label={`Remove ${noun} ${i + 1}`} title={`Remove ${noun}`} onClick={() => onRemove(row.key)}>
                <IconTrash className="size-4" />
              </Button>
            </div>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <Button variant="secondary" size="sm" onClick={onAdd}>
        <IconPlus className="size-4" /> Add {noun}
      </Button>
    </div>
  );
}

/** A caption shown above a row input on phones (desktop shows a header row instead). */
export function RowCaption({ children }: { children: React.ReactNode }) {
  return <span className="mb-1 block text-xs font-medium text-zinc-500 sm:hidden dark:text-zinc-400">{children}</span>;
}

let nextKey = 0;
/** Stable React keys for new rows (crypto.randomUUID is missing outside secure contexts). */
export function rowKey(): number {
  return ++nextKey;
}
