// Reads a log stream route (NDJSON chunks) with fetch and keeps the newest MAX_VIEW_LINES lines
// for the viewer. Chunks are applied in batches (every FLUSH_MS) so a busy container does not
// re-render per line. The request is aborted when the parameters change or the viewer goes away,
// which ends the server's and the agent's streams.
"use client";

import { useEffect, useState } from "react";
import type { LogChunk, LogSourceView } from "@/lib/agents/log-stream-schemas";
import { stripAnsi } from "./ansi";

export const MAX_VIEW_LINES = 5000;
const FLUSH_MS = 100;

export type ViewLine =
  | { id: number; kind: "line"; src: number; stream: "stdout" | "stderr"; at: string | null; text: string }
  | { id: number; kind: "note"; src: number; text: string; tone: "warn" | "info" };

export interface LogStreamState {
  lines: ViewLine[];
  sources: LogSourceView[];
  missing: { label: string; reason: string }[];
  status: "connecting" | "live" | "ended" | "error";
  error: string | null;
  /** Lines the viewer let go (older than MAX_VIEW_LINES). */
  trimmed: number;
}

const END_WORDS: Record<string, string> = {
  ended: "the container stopped; its stream ended",
  container_removed: "the container was removed",
  stopped: "the stream was stopped",
  error: "the stream failed",
  agent_limit: "the agent refused more streams",
  agent_disconnected: "the host's agent disconnected",
};

const initial: LogStreamState = { lines: [], sources: [], missing: [], status: "connecting", error: null, trimmed: 0 };

/** `epoch`: bumped when the set of containers changed (one started): the stream is reopened. */
export function useLogStream(url: string | null, epoch = 0): LogStreamState {
  const [state, setState] = useState<LogStreamState>(initial);
  useEffect(() => {
    if (!url) return;
    const ac = new AbortController();
    let nextId = 0;
    let pending: LogChunk[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState(initial);
    const apply = () => {
      timer = undefined;
      const chunks = pending;
      pending = [];
      setState((s) => {
        let { sources, missing, status, trimmed } = s;
        const lines = s.lines.slice();
        const label = (src: number) => sources[src]?.label ?? "?";
        for (const c of chunks) {
          if (c.t === "sources") {
            sources = c.sources;
            missing = c.missing;
            status = "live";
          } else if (c.t === "lines") {
            for (const l of c.lines) lines.push({ id: nextId++, kind: "line", src: c.src, stream: l.stream, at: l.at, text: stripAnsi(l.text) });
          } else if (c.t === "dropped") {
            lines.push({ id: nextId++, kind: "note", src: c.src, tone: "warn", text: `… ${c.count} line(s) of ${label(c.src)} dropped: more than the viewer's stream allows` });
          } else if (c.t === "end") {
            lines.push({ id: nextId++, kind: "note", src: c.src, tone: c.reason === "ended" ? "info" : "warn", text: `— ${label(c.src)}: ${END_WORDS[c.reason] ?? c.reason}${c.message ? ` (${stripAnsi(c.message)})` : ""}` });
          } else if (c.t === "done") {
            status = "ended";
            if (c.reason !== "ended") lines.push({ id: nextId++, kind: "note", src: -1, tone: "warn", text: `— the stream ended: your session was ${c.reason === "forbidden" ? "no longer allowed to read" : c.reason}` });
          }
        }
        const over = lines.length - MAX_VIEW_LINES;
        if (over > 0) {
          lines.splice(0, over);
          trimmed += over;
        }
        return { ...s, lines, sources, missing, status, trimmed };
      });
    };
    const take = (c: LogChunk) => {
      pending.push(c);
      timer ??= setTimeout(apply, FLUSH_MS);
    };
    void (async () => {
      try {
        const res = await fetch(url, { signal: ac.signal, credentials: "same-origin", headers: { accept: "application/x-ndjson" } });
        if (!res.ok || !res.body) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `The logs could not be read (HTTP ${res.status})`);
        }
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let nl: number;
          while ((nl = buf.indexOf("\n")) !== -1) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line) take(JSON.parse(line) as LogChunk);
          }
        }
        take({ t: "done", reason: "ended" });
      } catch (err) {
        if (ac.signal.aborted) return;
        clearTimeout(timer);
        apply();
        setState((s) => ({ ...s, status: s.status === "live" ? "ended" : "error", error: err instanceof Error ? err.message : String(err) }));
      }
    })();
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [url, epoch]);
  return state;
}
