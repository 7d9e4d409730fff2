// What the live event bus tells about itself for the capacity figures: browser streams open now and
// events dropped for slow streams (cumulative; the monitor turns it into a per-minute figure).
import { eventStreamCounters } from "@/lib/events";
import type { EventCounters } from "./monitor";

export function busEventCounters(): EventCounters {
  const c = eventStreamCounters();
  return { streams: c.streams, droppedTotal: c.droppedTotal };
}
