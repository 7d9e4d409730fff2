// A service's state as lists show it, derived from what the user asked for (desired state), its
// latest rollout and its container as last observed; and how lists filter and sort by it.
// Browser-safe (zod only): the services page, the API and the OpenAPI document share it.
import { z } from "zod";
import { ListQuerySchema, ServiceSchema, type DesiredState } from "./schemas";
import { TagSchema } from "./names";

export const SERVICE_STATE_KINDS = [
  "failed",
  "exited",
  "restarting",
  "unhealthy",
  "no-container",
  "deploying",
  "starting",
  "not-deployed",
  "stopped",
  "running",
] as const;
export const ServiceStateKindSchema = z.enum(SERVICE_STATE_KINDS);
export type ServiceStateKind = z.infer<typeof ServiceStateKindSchema>;

/** Kinds that mean something is wrong (lists lead with them, the overview counts them). */
export const BROKEN_KINDS: ReadonlySet<ServiceStateKind> = new Set(["failed", "exited", "restarting", "unhealthy", "no-container"]);

export const STATE_KIND_LABELS: Record<ServiceStateKind, string> = {
  failed: "Deploy failed",
  exited: "Exited",
  restarting: "Restarting",
  unhealthy: "Unhealthy",
  "no-container": "No container",
  deploying: "Deploying",
  starting: "Starting",
  "not-deployed": "Not deployed",
  stopped: "Stopped",
  running: "Running",
};

export const ServiceStatusSchema = z.object({
  kind: ServiceStateKindSchema.describe("failed (latest deploy) | exited | restarting | unhealthy | no-container | deploying | starting | not-deployed | stopped (deliberately) | running"),
  label: z.string().describe("The state in words, e.g. 'Exited (137)' or 'Stopped'"),
  tone: z.enum(["success", "danger", "warning", "neutral", "info"]),
  detail: z.string().nullable().describe("Why, when known: the failed deploy's error, the container's own status"),
  health: z.enum(["starting", "healthy", "unhealthy"]).nullable(),
  exitCode: z.number().int().nullable(),
  startedAt: z.string().nullable().describe("When the running container started (uptime)"),
  observedAt: z.string().nullable().describe("When the agent last reported the container"),
  cpuPercent: z.number().nullable().describe("Latest stats sample, percent of one CPU"),
  memoryBytes: z.number().nullable(),
  memoryLimitBytes: z.number().nullable(),
});
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

/** The container facts the derivation reads (a ContainerStateView satisfies it). */
export interface ObservedContainer {
  state: "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
  status: string;
  health: "starting" | "healthy" | "unhealthy" | null;
  exitCode: number | null;
  startedAt: string | null;
  observedAt: string;
}

export interface StatusInput {
  desiredState: DesiredState;
  placed: boolean;
  container: ObservedContainer | null;
  latestDeployment: { status: "pending" | "running" | "succeeded" | "unchanged" | "failed"; error: string | null } | null;
  stats?: { cpuPercent: number; memoryBytes: number; memoryLimitBytes: number } | null;
}

type Derived = Pick<ServiceStatus, "kind" | "label" | "tone" | "detail">;

function deriveKind({ desiredState, placed, container: c, latestDeployment: d }: StatusInput): Derived {
  if (d?.status === "failed") return { kind: "failed", label: "Deploy failed", tone: "danger", detail: d.error };
  if (d && (d.status === "pending" || d.status === "running")) return { kind: "deploying", label: "Deploying", tone: "info", detail: null };
  if (!c) {
    if (desiredState === "stopped" && d) return { kind: "stopped", label: "Stopped", tone: "neutral", detail: "Stopped on purpose" };
    if (!placed || !d) return { kind: "not-deployed", label: "Not deployed", tone: "neutral", detail: placed ? null : "Not placed on a host" };
    return { kind: "no-container", label: "No container", tone: "danger", detail: "Deployed, but its host reports no container" };
  }
  if (c.state === "running") {
    if (c.health === "unhealthy") return { kind: "unhealthy", label: "Unhealthy", tone: "danger", detail: c.status };
    if (c.health === "starting") return { kind: "starting", label: "Starting", tone: "info", detail: c.status };
    return { kind: "running", label: c.health === "healthy" ? "Running · healthy" : "Running", tone: "success", detail: c.status };
  }
  if (c.state === "restarting") return { kind: "restarting", label: "Restarting", tone: "danger", detail: c.status };
  if (desiredState === "stopped") return { kind: "stopped", label: "Stopped", tone: "neutral", detail: "Stopped on purpose" };
  const code = c.exitCode !== null && c.state !== "created" ? ` (${c.exitCode})` : "";
  const word = c.state === "exited" ? "Exited" : c.state.charAt(0).toUpperCase() + c.state.slice(1);
  return { kind: "exited", label: `${word}${code}`, tone: "danger", detail: c.status };
}

/** A service's state for lists: a deliberate stop is neutral; an exit while it should run is red with its code. */
export function deriveServiceStatus(input: StatusInput): ServiceStatus {
  const c = input.container;
  const running = c?.state === "running";
  return {
    ...deriveKind(input),
    health: c?.health ?? null,
    exitCode: c && !running ? c.exitCode : null,
    startedAt: running ? c.startedAt : null,
    observedAt: c?.observedAt ?? null,
    cpuPercent: running && input.stats ? input.stats.cpuPercent : null,
    memoryBytes: running && input.stats ? input.stats.memoryBytes : null,
    memoryLimitBytes: running && input.stats ? input.stats.memoryLimitBytes : null,
  };
}

export const SERVICE_SORTS = ["attention", "name", "cpu", "memory", "uptime"] as const;
export const ServiceSortSchema = z.enum(SERVICE_SORTS);
export type ServiceSort = z.infer<typeof ServiceSortSchema>;

interface Sortable {
  id: string;
  name: string;
  status: ServiceStatus;
}

const rank = (k: ServiceStateKind) => SERVICE_STATE_KINDS.indexOf(k);
const byName = (a: Sortable, b: Sortable) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
/** Highest first; unknown values last. */
const desc = (x: number | null, y: number | null) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : y - x);
const startMs = (s: Sortable) => (s.status.startedAt ? new Date(s.status.startedAt).getTime() : null);

/** Orders rows: by id (creation order, the API's default), broken first (then by name), by name, by CPU or memory (highest first) or by uptime (most recently started first). */
export function compareServices(sort: ServiceSort | undefined): (a: Sortable, b: Sortable) => number {
  switch (sort) {
    case undefined:
      return (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    case "name":
      return byName;
    case "cpu":
      return (a, b) => desc(a.status.cpuPercent, b.status.cpuPercent) || byName(a, b);
    case "memory":
      return (a, b) => desc(a.status.memoryBytes, b.status.memoryBytes) || byName(a, b);
    case "uptime":
      return (a, b) => desc(startMs(a), startMs(b)) || byName(a, b);
    case "attention":
      return (a, b) => rank(a.status.kind) - rank(b.status.kind) || byName(a, b);
  }
}

/** One page after `cursor` (the id of the previous page's last row) of rows already in order. */
export function pageAfter<T extends { id: string }>(rows: T[], limit: number, cursor?: string): { items: T[]; nextCursor: string | null } {
  const start = cursor ? rows.findIndex((r) => r.id === cursor) + 1 : 0;
  const items = rows.slice(start, start + limit);
  const more = start + limit < rows.length;
  return { items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
}

/** A service in a list: its view and its state. */
export const ServiceRowSchema = ServiceSchema.extend({ status: ServiceStatusSchema });
export type ServiceRow = z.infer<typeof ServiceRowSchema>;

export const ServiceListQuerySchema = ListQuerySchema.extend({
  sort: ServiceSortSchema.optional().describe("attention (broken first, as the dashboard lists them) | name | cpu | memory (highest first) | uptime (most recently started first); absent: creation order"),
  state: z.union([ServiceStateKindSchema, z.literal("broken")]).optional().describe("Only services in this state; broken: any state that needs attention"),
  hostId: z.string().min(1).max(64).optional().describe("Only services placed on this host"),
  tag: TagSchema.optional().describe("Only services with this tag"),
  group: z.string().trim().min(1).max(48).optional().describe("Only services in this group"),
});
export type ServiceListQuery = z.infer<typeof ServiceListQuerySchema>;

/** Keeps the rows a list query's state filter asks for. */
export function matchesState(status: ServiceStatus, state: ServiceListQuery["state"]): boolean {
  if (!state) return true;
  return state === "broken" ? BROKEN_KINDS.has(status.kind) : status.kind === state;
}
