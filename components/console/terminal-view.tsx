// An xterm.js terminal bound to a console WebSocket: output written as it arrives, keystrokes
// (Ctrl-C included) and size changes sent back, fitted to its box as the window resizes.
"use client";

import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef } from "react";
import type { Terminal } from "@xterm/xterm";

/** Longest text one input frame carries (the server's limit); pastes are split. */
const MAX_INPUT_CHARS = 4096;

export interface TerminalHandle {
  cols: number;
  rows: number;
}

export function TerminalView({ socket, onSize, label }: { socket: WebSocket | null; onSize?: (s: TerminalHandle) => void; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const sizeCb = useRef(onSize);
  useEffect(() => {
    sizeCb.current = onSize;
  }, [onSize]);

  // The terminal lives as long as the component; sockets come and go.
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed || !box.current) return;
      const dark = document.documentElement.classList.contains("dark");
      const t = new Terminal({
        cursorBlink: true,
        convertEol: false,
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
        fontSize: 13,
        scrollback: 5000,
        theme: dark ? { background: "#09090b", foreground: "#e4e4e7" } : { background: "#18181b", foreground: "#f4f4f5" },
      });
      const fit = new FitAddon();
      t.loadAddon(fit);
      t.open(box.current);
      const refit = () => {
        try {
          fit.fit();
        } catch {
          // not laid out yet
        }
        sizeCb.current?.({ cols: t.cols, rows: t.rows });
      };
      refit();
      const ro = new ResizeObserver(refit);
      ro.observe(box.current);
      term.current = t;
      cleanup = () => {
        ro.disconnect();
        t.dispose();
        term.current = null;
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);

  // Wire the current socket: output in, keystrokes and resizes out.
  useEffect(() => {
    if (!socket) return;
    let subs: { dispose(): void }[] = [];
    let timer: number | undefined;
    const attach = () => {
      const t = term.current;
      if (!t) {
        timer = window.setTimeout(attach, 50);
        return;
      }
      const send = (m: unknown) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(m));
      };
      subs = [
        t.onData((d) => {
          for (let i = 0; i < d.length; i += MAX_INPUT_CHARS) send({ type: "input", data: d.slice(i, i + MAX_INPUT_CHARS) });
        }),
        t.onResize(({ cols, rows }) => send({ type: "resize", cols, rows })),
      ];
      const onMessage = (e: MessageEvent) => {
        if (e.data instanceof ArrayBuffer) t.write(new Uint8Array(e.data));
      };
      socket.addEventListener("message", onMessage);
      subs.push({ dispose: () => socket.removeEventListener("message", onMessage) });
      t.focus();
    };
    attach();
    return () => {
      window.clearTimeout(timer);
      for (const s of subs) s.dispose();
    };
  }, [socket]);

  return (
    <div
      ref={box}
      role="group"
      aria-label={label}
      data-testid="console-terminal"
      className="h-[60vh] min-h-64 w-full overflow-hidden rounded-lg bg-zinc-900 p-2 dark:bg-zinc-950"
    />
  );
}
