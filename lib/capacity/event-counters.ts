// What the live event bus can tell about itself for the capacity figures: browser streams open now
// and events dropped for slow streams (null where the bus does not count them).
import { getEventBus } from "@/lib/events";
import { findAgentHub } from "@/lib/agents";
import type { EventCounters } from "./monitor";

/**
 * Streams are the bus's listeners less the ones that are not browsers: the capacity monitor's own
 * counter and the agent hub's probe scheduler (it follows rollouts to re-run egress proofs).
 */
export function busEventCounters(monitorListening: () => boolean): EventCounters {
  return {
    streams: () => Math.max(0, getEventBus().size - (monitorListening() ? 1 : 0) - (findAgentHub() ? 1 : 0)),
    droppedTotal: () => null,
  };
}
