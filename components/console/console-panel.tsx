// The console card on a service's console page (admins only): pick a shell or type a command,
// optionally a user, connect; a terminal streams both ways until the process exits or Disconnect.
"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Hint } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useApi, errorMessage } from "@/lib/client/api";
import type { ConsoleTicket } from "@/lib/protocol/exec";
import { TerminalView, type TerminalHandle } from "./terminal-view";
import { splitCommand } from "./split-command";

const SHELLS = ["/bin/sh", "/bin/bash", "/bin/ash"] as const;
const CUSTOM = "custom";

type Phase = { kind: "idle" } | { kind: "connecting" } | { kind: "open"; container: string } | { kind: "ended"; text: string; tone: "info" | "error" };

export interface ConsolePanelProps {
  serviceId: string;
  serviceName: string;
  csrfToken: string;
  /** Why a console cannot open now (not running, host offline, exec forbidden), or null. */
  blocked: string | null;
}

export function ConsolePanel({ serviceId, serviceName, csrfToken, blocked }: ConsolePanelProps) {
  const api = useApi();
  const ids = useId();
  const [shell, setShell] = useState<string>(SHELLS[0]);
  const [custom, setCustom] = useState("");
  const [user, setUser] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [socket, setSocket] = useState<WebSocket | null>(null);
  const size = useRef<TerminalHandle>({ cols: 80, rows: 24 });
  const onSize = useCallback((s: TerminalHandle) => {
    size.current = s;
  }, []);

  useEffect(() => () => socket?.close(), [socket]);

  const command = shell === CUSTOM ? splitCommand(custom) : [shell];
  const live = phase.kind === "connecting" || phase.kind === "open";

  async function connect() {
    if (command.length === 0) return setPhase({ kind: "ended", text: "Type a command to run.", tone: "error" });
    setPhase({ kind: "connecting" });
    let t: ConsoleTicket;
    try {
      t = await api.post<ConsoleTicket>(`/api/v1/services/${serviceId}/exec`, { command, ...(user.trim() ? { user: user.trim() } : {}), cols: Math.max(2, size.current.cols), rows: Math.max(2, size.current.rows) });
    } catch (err) {
      return setPhase({ kind: "ended", text: errorMessage(err), tone: "error" });
    }
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${window.location.host}${t.path}?ticket=${encodeURIComponent(t.ticket)}&csrf=${encodeURIComponent(csrfToken)}`);
    ws.binaryType = "arraybuffer";
    let ended = false;
    ws.addEventListener("message", (e) => {
      if (typeof e.data !== "string") return;
      const m = JSON.parse(e.data) as { type: string; container?: string; exitCode?: number | null; reason?: string };
      if (m.type === "ready") setPhase({ kind: "open", container: m.container ?? serviceName });
      if (m.type === "exit") {
        ended = true;
        const code = m.exitCode === null || m.exitCode === undefined ? "" : ` (exit code ${m.exitCode})`;
        setPhase({ kind: "ended", text: `Session ended: ${m.reason ?? "closed"}${code}.`, tone: m.reason?.startsWith("the agent refused") ? "error" : "info" });
      }
    });
    ws.addEventListener("close", () => {
      if (!ended) setPhase((p) => (p.kind === "ended" ? p : { kind: "ended", text: p.kind === "connecting" ? "The console could not be opened." : "Disconnected.", tone: p.kind === "connecting" ? "error" : "info" }));
      setSocket((s) => (s === ws ? null : s));
    });
    setSocket(ws);
  }

  function disconnect() {
    socket?.close();
    setPhase({ kind: "ended", text: "Disconnected; the process was stopped.", tone: "info" });
  }

  return (
    <Card>
      <CardHeader
        title="Console"
        description="A shell inside the running container, through its host's agent. Admins only; opening and closing are recorded in the audit log (keystrokes are not)."
        actions={live ? <Button variant="secondary" size="sm" onClick={disconnect}>Disconnect</Button> : undefined}
      />
      <CardBody className="space-y-4">
        {blocked && <Alert tone="warning" title="No console now">{blocked}</Alert>}
        <form
          className="grid gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_minmax(0,10rem)_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <div>
            <Label htmlFor={`${ids}-shell`}>Command</Label>
            <Select id={`${ids}-shell`} value={shell} onChange={(e) => setShell(e.target.value)} disabled={live}>
              {SHELLS.map((s) => <option key={s} value={s}>{s}</option>)}
              <option value={CUSTOM}>Other command…</option>
            </Select>
          </div>
          <div>
            {shell === CUSTOM ? (
              <>
                <Label htmlFor={`${ids}-custom`}>Command to run</Label>
                <Input id={`${ids}-custom`} value={custom} onChange={(e) => setCustom(e.target.value)} placeholder="python3 manage.py shell" disabled={live} className="font-mono" aria-describedby={`${ids}-custom-hint`} />
                <Hint id={`${ids}-custom-hint`}>Run as is, without a shell.</Hint>
              </>
            ) : (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">Most images have /bin/sh; Debian and Ubuntu based ones also /bin/bash.</p>
            )}
          </div>
          <div>
            <Label htmlFor={`${ids}-user`}>User (optional)</Label>
            <Input id={`${ids}-user`} value={user} onChange={(e) => setUser(e.target.value)} placeholder="image default" disabled={live} autoComplete="off" spellCheck={false} />
          </div>
          <Button type="submit" loading={phase.kind === "connecting"} disabled={live || Boolean(blocked)}>
            {phase.kind === "ended" ? "Reconnect" : "Connect"}
          </Button>
        </form>
        <p role="status" aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-300" data-testid="console-status">
          {phase.kind === "idle" && "Not connected."}
          {phase.kind === "connecting" && "Connecting…"}
          {phase.kind === "open" && <>Connected to <code className="font-mono">{phase.container}</code> running <code className="font-mono">{command.join(" ")}</code>. Ctrl-C interrupts; type exit to end.</>}
        </p>
        {phase.kind === "ended" && <Alert tone={phase.tone}>{phase.text}</Alert>}
        <TerminalView socket={socket} onSize={onSize} label={`Console of ${serviceName}`} />
      </CardBody>
    </Card>
  );
}
