// Live events the control plane pushes to browsers (Server-Sent Events on /api/v1/events).
// Safe to import from client components, which parse each event with LiveEventSchema.
import { z } from "zod";
import { StatsSampleSchema } from "@/lib/protocol/docker";
import { SwarmServiceStatusSchema } from "@/lib/protocol/swarm";
import { ContainerStateSchema, DeploymentSchema, HostStatusSchema } from "@/lib/agents/schemas";
import { StackRolloutSchema } from "@/lib/stacks/schemas";

/** A checks/results event names at most this many checks; a bigger batch sets `truncated`. */
export const LIVE_RESULTS_MAX_CHECKS = 500;

export const LiveEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("host/status"), hostId: z.string(), status: HostStatusSchema }),
  z.object({ type: z.literal("host/snapshot"), hostId: z.string(), containers: z.array(ContainerStateSchema) }),
  z.object({ type: z.literal("container/state"), hostId: z.string(), action: z.string(), container: ContainerStateSchema }),
  z.object({ type: z.literal("container/removed"), hostId: z.string(), containerId: z.string(), serviceId: z.string().nullable() }),
  z.object({ type: z.literal("deploy/log"), deploymentId: z.string(), serviceId: z.string(), at: z.string(), line: z.string() }),
  z.object({ type: z.literal("deploy/status"), deployment: DeploymentSchema }),
  z.object({ type: z.literal("stats/sample"), hostId: z.string(), sample: StatsSampleSchema }),
  z.object({ type: z.literal("swarm/tasks"), hostId: z.string(), serviceId: z.string(), status: SwarmServiceStatusSchema }).describe("a Swarm service's tasks changed"),
  z.object({ type: z.literal("images/checked"), at: z.string(), tags: z.number().int() }).describe("an image update check ran (scheduled or Check now): the updates view changed"),
  z.object({ type: z.literal("stack/rollout"), hostId: z.string().nullable(), rollout: StackRolloutSchema }).describe("a stack apply started, moved a step, or ended"),
  // Reachability (lib/probes, lib/checkin): enough to know what to refetch, not the whole row.
  z.object({ type: z.literal("incident/opened"), incidentId: z.string(), checkId: z.string(), kind: z.enum(["down", "degraded"]) }),
  z.object({ type: z.literal("incident/updated"), incidentId: z.string(), checkId: z.string(), kind: z.enum(["down", "degraded"]) }),
  z.object({ type: z.literal("incident/resolved"), incidentId: z.string(), checkId: z.string() }),
  z.object({ type: z.literal("incident/acknowledged"), incidentId: z.string(), checkId: z.string(), by: z.string() }),
  z.object({ type: z.literal("checks/status"), checks: z.array(z.object({ checkId: z.string(), status: z.string() })).describe("one event per batch of results") }),
  z.object({
    type: z.literal("checks/results"),
    vantageId: z.string(),
    checkIds: z.array(z.string()).max(LIVE_RESULTS_MAX_CHECKS),
    truncated: z.boolean(),
  }).describe("one event per batch of stored results: which checks have new history from this vantage point (charts, matrix cells); truncated: more checks than listed"),
  z.object({ type: z.literal("exposure/report"), id: z.string(), status: z.enum(["running", "done", "failed"]), score: z.number().int().nullable() }).describe("an exposure scan started or finished: refetch the report and the history"),
  z.object({ type: z.literal("gameday/status"), id: z.string(), status: z.string() }).describe("a game day started, changed state or ended: refetch it and the history"),
  z.object({ type: z.literal("stream/resync"), dropped: z.number().int().nonnegative() }).describe(
    "this stream fell behind and events were dropped: refetch everything shown (as after a reconnect)",
  ),
]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type LiveEventType = LiveEvent["type"];

/** Which host or service an event concerns, for `?hostId=` / `?serviceId=` filters. */
export function eventScope(e: LiveEvent): { hostId?: string; serviceId?: string | null } {
  switch (e.type) {
    case "host/status":
    case "host/snapshot":
      return { hostId: e.hostId };
    case "container/state":
      return { hostId: e.hostId, serviceId: e.container.serviceId };
    case "container/removed":
      return { hostId: e.hostId, serviceId: e.serviceId };
    case "deploy/log":
      return { serviceId: e.serviceId };
    case "deploy/status":
      return { hostId: e.deployment.hostId ?? undefined, serviceId: e.deployment.serviceId };
    case "stats/sample":
      return { hostId: e.hostId, serviceId: e.sample.serviceId };
    case "swarm/tasks":
      return { hostId: e.hostId, serviceId: e.serviceId };
    case "stack/rollout":
      return { hostId: e.hostId ?? undefined };
    case "incident/opened":
    case "incident/updated":
    case "incident/resolved":
    case "incident/acknowledged":
    case "checks/status":
    case "checks/results":
    case "images/checked":
    case "exposure/report":
    case "gameday/status":
    case "stream/resync":
      return {};
  }
}

/** A `?hostId=` / `?serviceId=` / `?stats=1` filter of the event stream. */
export interface EventFilter {
  hostId?: string;
  serviceId?: string;
  /** Stats samples on a stream with no host or service filter (they are the bulk of all events). */
  stats?: boolean;
}

/**
 * Whether an event passes a filter (the server's and the browser's rule). Stats samples go only
 * to streams that ask for them: a host or service filter, or `stats`.
 */
export function matchesFilter(e: LiveEvent, f: EventFilter): boolean {
  if (e.type === "stats/sample" && !f.hostId && !f.serviceId && !f.stats) return false;
  const s = eventScope(e);
  if (f.hostId && s.hostId !== f.hostId) return false;
  if (f.serviceId && s.serviceId !== f.serviceId) return false;
  return true;
}

/** The one checks/results event for a batch of stored results, bounded to LIVE_RESULTS_MAX_CHECKS ids. */
export function checkResultsEvent(vantageId: string, checkIds: Iterable<string>): Extract<LiveEvent, { type: "checks/results" }> {
  const ids = [...new Set(checkIds)];
  return { type: "checks/results", vantageId, checkIds: ids.slice(0, LIVE_RESULTS_MAX_CHECKS), truncated: ids.length > LIVE_RESULTS_MAX_CHECKS };
}

/** Whether a live event may concern one check: its status or results changed (or a truncated batch may include it). */
export function concernsCheck(e: LiveEvent, checkId: string): boolean {
  switch (e.type) {
    case "checks/results":
      return e.truncated || e.checkIds.includes(checkId);
    case "checks/status":
      return e.checks.some((c) => c.checkId === checkId);
    case "incident/opened":
    case "incident/updated":
    case "incident/resolved":
    case "incident/acknowledged":
      return e.checkId === checkId;
    default:
      return false;
  }
}

/** One Server-Sent Events `data:` payload as a live event; null for anything malformed or unknown. */
export function parseLiveEventData(data: string): LiveEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const r = LiveEventSchema.safeParse(json);
  return r.success ? r.data : null;
}
