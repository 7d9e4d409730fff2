// A container's observed state as a badge: running (healthy/unhealthy), exited with its code, …
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ContainerStateView } from "@/lib/agents/schemas";

const TONES: Record<ContainerStateView["state"], BadgeTone> = {
  running: "success",
  created: "neutral",
  paused: "warning",
  restarting: "warning",
  removing: "warning",
  exited: "danger",
  dead: "danger",
};

export function ContainerStateBadge({ container }: { container: ContainerStateView }) {
  const health = container.state === "running" && container.health ? ` · ${container.health}` : "";
  const exit = container.state === "exited" && container.exitCode !== null ? ` (${container.exitCode})` : "";
  return (
    <span data-testid="container-state" data-state={container.state}>
      <Badge tone={container.health === "unhealthy" ? "warning" : TONES[container.state]}>
        {container.state}
        {exit}
        {health}
      </Badge>
    </span>
  );
}
