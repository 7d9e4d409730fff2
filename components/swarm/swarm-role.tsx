// A host's Swarm role as its agent reports it: "Swarm manager · 3 nodes", a worker, and a warning
// when the kernel has no IPVS (the routing mesh cannot answer). Nothing outside a swarm.
import type { SwarmInfo } from "@/lib/protocol/swarm";
import { Badge } from "@/components/ui/badge";

export function SwarmRole({ swarm }: { swarm: SwarmInfo | null | undefined }) {
  if (!swarm) return <span className="text-zinc-500 dark:text-zinc-400">Not in a swarm</span>;
  const nodes = swarm.nodes !== null ? ` · ${swarm.nodes} node${swarm.nodes === 1 ? "" : "s"}` : "";
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <Badge tone={swarm.state === "active" ? (swarm.manager ? "accent" : "info") : "warning"}>{swarm.manager ? "Swarm manager" : swarm.state === "active" ? "Swarm worker" : `Swarm ${swarm.state}`}</Badge>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">{nodes.replace(/^ · /, "")}</span>
      {swarm.routingMesh === false && <span className="text-xs text-amber-700 dark:text-amber-400">no IPVS: the routing mesh cannot answer</span>}
    </span>
  );
}
