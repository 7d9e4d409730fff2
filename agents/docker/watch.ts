// Follows the Docker engine's container events and reports each one with the container's state
// after it (or null once removed). When the event stream breaks (engine restart) it reconnects
// and calls onResync, so the caller can send a fresh snapshot.
import type Docker from "dockerode";
import { createInterface } from "node:readline";
import type { ContainerSummary } from "@/lib/protocol";
import { dockerStatus } from "../errors";
import { summaryFromInspect } from "./summary";

export const EVENTS_RETRY_MS = 1_000;
/** Actions that change what the dashboard shows; exec_*, attach, resize, top are noise. */
const RELEVANT = /^(create|start|restart|die|kill|stop|pause|unpause|destroy|rename|oom|update|health_status.*)$/;

export interface DockerEventReport {
  action: string;
  containerId: string;
  at: string;
  container: ContainerSummary | null;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string };
  id?: string;
  timeNano?: number;
}

export function watchDockerEvents(
  docker: Docker,
  onEvent: (e: DockerEventReport) => void,
  onResync: () => void,
  onError: (message: string) => void,
): { stop(): void } {
  let stopped = false;
  let current: NodeJS.ReadableStream | undefined;
  let queue = Promise.resolve();

  const report = async (ev: RawEvent) => {
    const id = ev.Actor?.ID ?? ev.id;
    const action = ev.Action ?? "";
    if (ev.Type !== "container" || !id || !RELEVANT.test(action)) return;
    let container: ContainerSummary | null = null;
    if (action !== "destroy") {
      try {
        container = summaryFromInspect(await docker.getContainer(id).inspect());
      } catch (err) {
        if (dockerStatus(err) !== 404) onError(`inspect after ${action}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
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
    stop() {
      stopped = true;
      (current as unknown as { destroy?: () => void } | undefined)?.destroy?.();
    },
  };
}
