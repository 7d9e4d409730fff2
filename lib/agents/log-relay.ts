// Relays followed log streams to one HTTP response as NDJSON (or plain text for a download): one
// stream per container (a service's containers, rollout temps included; or a stack's), merged,
// each chunk naming its source. Bounded: the response's queue holds at most RELAY_QUEUE_BYTES;
// lines a slow reader cannot take are dropped and counted in a "dropped" chunk. Everything ends
// when the reader goes away (abort), when the credential that opened it is revoked, or when every
// source has ended (container stopped or removed, agent disconnected: each said in an "end" chunk).
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { watchCredential, type Actor } from "@/lib/auth";
import { getServiceOrThrow } from "@/lib/inventory";
import type { LogLine } from "@/lib/protocol";
import { getAgentHub } from "./hub";
import { getLogStreams, type LogStreamHandle, type LogStreamEnd } from "./log-streams";
import type { LogChunk, LogSourceView, LogStreamQuery } from "./log-stream-schemas";

/** Bytes a response may hold for a reader that does not keep up. */
export const RELAY_QUEUE_BYTES = 512 * 1024;

export interface LogTarget extends Omit<LogSourceView, "src"> {
  hostId: string;
  containerId: string;
}

/** A service's containers on its host, its own first, then others carrying its id (rollout temps). */
export async function serviceLogTargets(db: Db, serviceId: string): Promise<{ name: string; targets: LogTarget[] }> {
  const service = await getServiceOrThrow(db, serviceId);
  if (!service.hostId) return { name: service.name, targets: [] };
  const rows = await db.containerState.findMany({ where: { hostId: service.hostId, serviceId: service.id }, orderBy: { observedAt: "desc" } });
  rows.sort((a, b) => Number(b.name === service.name) - Number(a.name === service.name));
  return { name: service.name, targets: rows.map((r) => ({ hostId: r.hostId, containerId: r.containerId, label: r.name, service: null, container: r.name, state: r.state })) };
}

const renderText = (label: (src: number) => string, c: LogChunk): string => {
  switch (c.t) {
    case "lines":
      return c.lines.map((l) => `${l.at ?? "-"} ${label(c.src)} ${l.stream} ${l.text}\n`).join("");
    case "dropped":
      return `… ${c.count} line(s) of ${label(c.src)} dropped (over the stream's caps)\n`;
    case "end":
      return `— ${label(c.src)}: ${c.reason}${c.message ? ` (${c.message})` : ""}\n`;
    default:
      return "";
  }
};

export interface RelayOptions {
  db: Db;
  actor: Actor;
  targets: LogTarget[];
  missing: { label: string; reason: string }[];
  query: LogStreamQuery;
  signal: AbortSignal;
  filename: string;
}

export function logStreamResponse(o: RelayOptions): Response {
  if (o.targets.length === 0) throw new DomainError("conflict", o.missing[0]?.reason ?? "There is no container to read logs from yet; deploy it first");
  const text = o.query.format === "text";
  const follow = o.query.follow && o.query.until === undefined && !text;
  const toUnix = (iso: string | undefined) => (iso === undefined ? undefined : Math.floor(Date.parse(iso) / 1000));
  const sources: LogSourceView[] = o.targets.map((t, src) => ({ src, label: t.label, service: t.service, container: t.container, state: t.state }));
  const enc = new TextEncoder();
  const handles: (LogStreamHandle | null)[] = o.targets.map(() => null);
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let open = o.targets.length;
      const dropped = o.targets.map(() => 0);
      const queued = () => Math.max(0, RELAY_QUEUE_BYTES - (controller.desiredSize ?? 0));
      /** Essential chunks always go; lines only while the reader keeps up. */
      const push = (c: LogChunk, essential: boolean): boolean => {
        if (closed) return false;
        const s = text ? renderText((i) => sources[i]?.label ?? "?", c) : `${JSON.stringify(c)}\n`;
        if (s === "") return true;
        const bytes = enc.encode(s);
        if (!essential && (controller.desiredSize ?? 0) < bytes.byteLength) return false;
        controller.enqueue(bytes);
        return true;
      };
      const flushDropped = (src: number) => {
        if (dropped[src]! > 0 && push({ t: "dropped", src, count: dropped[src]! }, true)) dropped[src] = 0;
      };
      const close = (reason: "ended" | "revoked" | "expired" | "forbidden") => {
        if (closed) return;
        push({ t: "done", reason }, true);
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const endSource = (src: number, reason: LogStreamEnd, message?: string) => {
        flushDropped(src);
        push({ t: "end", src, reason, ...(message ? { message } : {}) }, true);
        handles[src] = null;
        if (--open === 0) close("ended");
      };
      const stopWatching = watchCredential(o.db, o.actor, (reason) => close(reason));
      cleanup = () => {
        if (closed) return;
        closed = true;
        stopWatching();
        for (const h of handles) h?.close();
      };
      o.signal.addEventListener("abort", () => cleanup());
      push({ t: "sources", sources, missing: o.missing }, true);
      const hub = getAgentHub();
      o.targets.forEach((t, src) => {
        const session = hub.session(t.hostId);
        if (!session) return endSource(src, "agent_disconnected", "The host's agent is not connected");
        const sink = {
          lines(lines: LogLine[], n: number) {
            dropped[src]! += n;
            flushDropped(src);
            if (lines.length > 0 && !push({ t: "lines", src, lines }, false)) dropped[src]! += lines.length;
          },
          end: (reason: LogStreamEnd, message?: string) => endSource(src, reason, message),
          queuedBytes: queued,
        };
        getLogStreams()
          .open(session, o.actor.userId, { containerId: t.containerId, tail: o.query.tail, since: toUnix(o.query.since), until: toUnix(o.query.until), follow }, sink)
          .then((h) => {
            if (closed) h.close();
            else handles[src] = h;
          }, (err: unknown) => endSource(src, "error", err instanceof Error ? err.message : String(err)));
      });
      if (o.signal.aborted) cleanup();
    },
    cancel() {
      cleanup();
    },
  }, { highWaterMark: RELAY_QUEUE_BYTES, size: (chunk) => chunk.byteLength });

  return new Response(stream, {
    headers: text
      ? { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${o.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`, "cache-control": "no-store" }
      : { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}
