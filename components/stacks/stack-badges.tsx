// Small pieces every stacks view shows: the stack's status badge, "changes not applied", the
// health summary (running / unhealthy / stopped) and a service's container state.
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { StackView } from "@/lib/stacks/schemas";
import { healthSummary, stackStatus, type StackServiceState } from "./stack-model";

export function StackStatusBadge({ stack }: { stack: Pick<StackView, "lastRollout" | "appliedVersion" | "services"> }) {
  const look = stackStatus(stack);
  return (
    <span data-testid="stack-status" data-status={look.label}>
      <Badge tone={look.tone}>{look.label}</Badge>
    </span>
  );
}

export function PendingBadge({ stack }: { stack: Pick<StackView, "pendingChanges"> }) {
  if (!stack.pendingChanges) return null;
  return (
    <span data-testid="stack-pending">
      <Badge tone="warning">changes not applied</Badge>
    </span>
  );
}

const DOTS = [
  ["running", "bg-emerald-500"],
  ["unhealthy", "bg-red-500"],
  ["stopped", "bg-zinc-400 dark:bg-zinc-500"],
] as const;

export function HealthSummary({ services, className }: { services: StackServiceState[]; className?: string }) {
  const h = healthSummary(services);
  if (h.total === 0) return <span className={cn("text-xs text-zinc-500 dark:text-zinc-400", className)}>no services yet</span>;
  return (
    <span className={cn("inline-flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-300", className)} data-testid="stack-health" data-running={h.running} data-unhealthy={h.unhealthy} data-stopped={h.stopped}>
      {DOTS.map(([key, dot]) => (
        <span key={key} className={cn("inline-flex items-center gap-1", h[key] === 0 && key !== "running" && "text-zinc-400 dark:text-zinc-500")}>
          <span aria-hidden="true" className={cn("size-2 rounded-full", dot)} />
          <span className="tabular-nums">{h[key]}</span> {key}
        </span>
      ))}
    </span>
  );
}

/** A service's container: running (healthy / starting / unhealthy), exited, or none yet. */
export function ServiceStateBadge({ service }: { service: Pick<StackServiceState, "state" | "health"> }) {
  const state = service.state ?? "no container";
  const tone = service.health === "unhealthy" ? "danger" : service.state === "running" ? (service.health === "starting" ? "info" : "success") : service.state === null ? "neutral" : "warning";
  return (
    <span data-testid="stack-service-state" data-state={service.state ?? "none"} data-health={service.health ?? ""}>
      <Badge tone={tone}>
        {state}
        {service.state === "running" && service.health ? ` · ${service.health}` : ""}
      </Badge>
    </span>
  );
}
