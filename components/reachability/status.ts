// How a reachability status looks: one place for the colours and words of up / down / degraded /
// unknown, shared by the matrix, the detail page and the legend.
import type { ErrorClass } from "@/lib/probes/engine/schemas";
export type StatusKey = "up" | "down" | "degraded" | "unknown";

export const STATUS_LOOK: Record<StatusKey, { label: string; cell: string; dot: string }> = {
  up: {
    label: "Up",
    cell: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-900",
    dot: "bg-emerald-500",
  },
  down: {
    label: "Down",
    cell: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900",
    dot: "bg-red-500",
  },
  degraded: {
    label: "Degraded",
    cell: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900",
    dot: "bg-amber-500",
  },
  unknown: {
    label: "Unknown",
    cell: "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-400 dark:ring-zinc-700",
    dot: "bg-zinc-400",
  },
};

// Every error class the engine can report has words here (the compiler notices a new one).
const ERROR_WORDS: Record<ErrorClass, string> = {
  dns_failure: "DNS failure",
  refused: "refused",
  timeout: "timeout",
  unreachable: "unreachable",
  reset: "connection reset",
  tls_error: "TLS error",
  http_status: "HTTP status",
  keyword_missing: "keyword missing",
  dns_mismatch: "wrong DNS answer",
  too_many_redirects: "too many redirects",
  blocked: "blocked (unsafe target)",
  protocol_error: "protocol error",
  internal: "probe error",
  exposed: "exposed (reachable but should not be)",
  unsupported: "not supported here (e.g. no ping program)",
  no_heartbeat: "no heartbeat in time",
  reported_down: "reported down by its caller",
  egress_open: "egress open (reached out but should not)",
  not_running: "not running (nothing to prove)",
};

export function errorWords(errorClass: string | null | undefined): string {
  return errorClass ? (ERROR_WORDS[errorClass as ErrorClass] ?? errorClass.replace(/_/g, " ")) : "";
}

/** Stable colours for chart series, one per vantage point. */
export const SERIES_COLOURS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9", "#a855f7", "#14b8a6", "#f97316"];
