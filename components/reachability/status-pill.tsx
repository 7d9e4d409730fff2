// A status pill (matrix cell, check header): colour, word, and the error class when failing.
import { cn } from "@/components/ui/cn";
import { STATUS_LOOK, errorWords, type StatusKey } from "./status";

export function StatusPill({ status, errorClass, title, className }: { status: StatusKey; errorClass?: string | null; title?: string; className?: string }) {
  const look = STATUS_LOOK[status];
  return (
    <span title={title} className={cn("inline-flex max-w-full items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset", look.cell, className)}>
      <span aria-hidden className={cn("size-2 shrink-0 rounded-full", look.dot)} />
      <span className="truncate">
        {look.label}
        {status === "down" && errorClass ? ` · ${errorWords(errorClass)}` : ""}
      </span>
    </span>
  );
}

export function StatusLegend() {
  return (
    <ul className="flex flex-wrap gap-2 text-xs" aria-label="Legend">
      {(["up", "degraded", "down", "unknown"] as const).map((s) => (
        <li key={s}>
          <StatusPill status={s} />
        </li>
      ))}
    </ul>
  );
}
