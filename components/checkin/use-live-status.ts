// One unfiltered event stream for the check-in page, with its connection state for the indicator:
// "live" while the stream is open, "reconnecting" after it dropped (EventSource retries by itself;
// a stream the browser gave up on is reopened with backoff). `onOpen` runs on every (re)open so
// the page refetches what it may have missed; `onEvent` gets every parsed event.
"use client";

import { useEffect, useRef, useState } from "react";
import { parseLiveEventData, type LiveEvent } from "@/lib/events/schemas";

export type StreamState = "connecting" | "live" | "reconnecting";

const REOPEN_MIN_MS = 2_000;
const REOPEN_MAX_MS = 30_000;

export function useLiveStatus(handlers: { onOpen: () => void; onEvent: (e: LiveEvent) => void }): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = REOPEN_MIN_MS;
    let stopped = false;
    const open = () => {
      source = new EventSource("/api/v1/events");
      source.onopen = () => {
        delay = REOPEN_MIN_MS;
        setState("live");
        ref.current.onOpen();
      };
      source.onerror = () => {
        setState("reconnecting");
        // CONNECTING: the browser retries by itself. CLOSED (an error answer): reopen with backoff.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          timer = setTimeout(open, delay);
          delay = Math.min(delay * 2, REOPEN_MAX_MS);
        }
      };
      source.onmessage = (msg: MessageEvent<string>) => {
        const e = parseLiveEventData(msg.data);
        if (e) ref.current.onEvent(e);
      };
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, []);
  return state;
}
