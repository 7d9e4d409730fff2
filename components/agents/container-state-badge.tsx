// A container's observed state as a badge: running (healthy/unhealthy), exited with its code, …
// A container that is down because the user stopped it reads "stopped" (neutral), not a red exit.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ContainerStateView } from "@/lib/agents/schemas";
import type { DesiredState } from "@/lib/inventory/schemas";

const TONES: Record<ContainerStateView["state"], BadgeTone> = {
  running: "success",
  created: "neutral",
  paused: "warning",
  restarting: "warning",
  removing: "warning",
  exited: "danger",
  dead: "danger",
};

export function ContainerStateBadge({ container, desiredState = "running" }: { container: ContainerStateView; desiredState?: DesiredState }) {
  const deliberate = desiredState === "stopped" && (container.state === "exited" || container.state === "created" || container.state === "dead");
  const health = container.state === "running" && container.health ? ` · ${container.health}` : "";
  const exit = container.state === "exited" && container.exitCode !== null ? ` (${container.exitCode})` : "";
  return (
    <span data-testid="container-state" data-state={container.state} data-desired={desiredState} title={deliberate ? `Stopped on purpose; ${container.status}` : container.status}>
      <Badge tone={deliberate ? "neutral" : container.health === "unhealthy" ? "warning" : TONES[container.state]}>
        {deliberate ? "stopped" : `${container.state}${exit}${health}`}
      </Badge>
    </span>
  );
}
