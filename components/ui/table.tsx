// A data table: a shaded header row of column titles and divided body rows that highlight on hover.
import { cn } from "./cn";

export type TableColumn = string | { label: string; className?: string };

export function Table({ columns, className, children }: { columns: TableColumn[]; className?: string; children: React.ReactNode }) {
  return (
    <div className={cn("relative overflow-x-auto", className)}>
      <table className="w-full text-left text-sm">
        <thead className="bg-zinc-50 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:bg-zinc-900/60 dark:text-zinc-400">
          <tr>
            {columns.map((c) => {
              const col = typeof c === "string" ? { label: c } : c;
              return (
                <th key={col.label} scope="col" className={cn("px-5 py-2.5", col.className)}>
                  {col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

export function TableRow({ children }: { children: React.ReactNode }) {
  return <tr className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">{children}</tr>;
}
