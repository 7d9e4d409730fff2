// Follows the Docker engine's container events and reports each one with the container's state
// after it (or null once removed). When the event stream breaks (engine restart) it reconnects
// and calls onResync, so the caller can send a fresh snapshot.
import type Docker from "dockerode";
import { createInterface } from "node:readline";
import { LABELS, type ContainerSummary } from "@/lib/protocol";
import { dockerStatus } from "../errors";
import { inspectSummary } from "./summary";

export const EVENTS_RETRY_MS = 1_000;
/** Actions answered with a fresh inspect; exec_*, attach, resize, top are noise. */
const INSPECTED = /^(start|restart|pause|unpause|rename|update|health_status.*)$/;
/**
 * `kill` and `stop` are always followed by `die`, which is reported at once from the event's own
 * attributes: while the engine tears a dead container's network down it holds the container's
 * lock, and an inspect would wait for that (100-300 ms) before the dashboard learns anything.
 * `create` is reported the same way: a deploy starts the container right away, and an inspect
 * would only compete with that start (its `start` event brings the full state).
 */
const FROM_ATTRIBUTES = new Set(["create", "die", "oom"]);

export interface DockerEventReport {
  action: string;
  containerId: string;
  at: string;
  container: ContainerSummary | null;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  id?: string;
  timeNano?: number;
}

export function watchDockerEvents(
  docker: Docker,
  onEvent: (e: DockerEventReport) => void,
  onResync: () => void,
  onError: (message: string) => void,
  /** Runs before an event is reported (the port bridge follows starts and stops; its ports then show). */
  beforeReport: (action: string, containerId: string) => Promise<void> = async () => {},
): { stop(): void; remember(list: ContainerSummary[]): void } {
  let stopped = false;
  let current: NodeJS.ReadableStream | undefined;
  let queue = Promise.resolve();
  /** Last known summary per container, for the ports and start time a `die` event lacks. */
  const known = new Map<string, ContainerSummary>();

  const report = async (ev: RawEvent) => {
    const id = ev.Actor?.ID ?? ev.id;
    const action = ev.Action ?? "";
    if (ev.Type !== "container" || !id) return;
    await beforeReport(action, id).catch((err: unknown) => onError(`before reporting ${action}: ${err instanceof Error ? err.message : String(err)}`));
    let container: ContainerSummary | null = null;
    if (FROM_ATTRIBUTES.has(action)) {
      container = fromAttributes(id, action, ev.Actor?.Attributes ?? {}, known.get(id));
    } else if (INSPECTED.test(action)) {
      try {
        container = await inspectSummary(docker, await docker.getContainer(id).inspect());
      } catch (err) {
        if (dockerStatus(err) !== 404) onError(`inspect after ${action}: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    } else if (action !== "destroy") {
      return;
    }
    if (container) known.set(id, container);
    else known.delete(id);
    const at = ev.timeNano ? new Date(Math.floor(ev.timeNano / 1e6)).toISOString() : new Date().toISOString();
    onEvent({ action: action.slice(0, 64), containerId: id, at, container });
  };

  const loop = async () => {
    let first = true;
    while (!stopped) {
      try {
        current = await docker.getEvents({ filters: { type: ["container"] } });
        if (!first) onResync();
        first = false;
        const lines = createInterface({ input: current as NodeJS.ReadableStream & AsyncIterable<string>, crlfDelay: Infinity });
        for await (const line of lines) {
          if (stopped) break;
          if (!line.trim()) continue;
          let ev: RawEvent;
          try {
            ev = JSON.parse(line) as RawEvent;
          } catch {
            continue;
          }
          queue = queue.then(() => report(ev)).catch((err: unknown) => onError(String(err)));
        }
      } catch (err) {
        if (!stopped) onError(`docker events: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!stopped) await new Promise((r) => setTimeout(r, EVENTS_RETRY_MS));
    }
  };
  void loop();
  return {
    remember(list: ContainerSummary[]) {
      known.clear();
      for (const c of list) known.set(c.id, c);
    },
    stop() {
      stopped = true;
      (current as unknown as { destroy?: () => void } | undefined)?.destroy?.();
    },
  };
}

/** The state right after `create` or `die`, from the event's attributes (labels, name, image, exit code). */
function fromAttributes(id: string, action: string, a: Record<string, string>, before: ContainerSummary | undefined): ContainerSummary {
  const created = action === "create";
  const exitCode = !created && a.exitCode !== undefined && /^-?\d+$/.test(a.exitCode) ? Number(a.exitCode) : null;
  const managed = a[LABELS.managed] === "true" && Boolean(a[LABELS.serviceId]);
  return {
    id,
    name: a.name ?? before?.name ?? id.slice(0, 12),
    image: a.image ?? before?.image ?? "",
    state: created ? "created" : "exited",
    status: created ? "Created" : `Exited (${exitCode ?? "?"})`,
    health: null,
    exitCode,
    managed,
    serviceId: managed ? (a[LABELS.serviceId] ?? null) : null,
    specHash: managed ? (a[LABELS.specHash] ?? null) : null,
    ports: before?.ports.map((p) => ({ ...p, host: null, hostIp: null })) ?? [],
    startedAt: before?.startedAt ?? null,
    imageDigest: before?.imageDigest,
  };
}
