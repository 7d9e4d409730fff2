// The hub's handlers for the agents' console events (exec/output, exec/exit), handed to the process's
// console manager through globalThis (kept apart from exec-sessions so the hub has no import cycle).
import type { AgentEventParams } from "@/lib/protocol";
import type { AgentSession } from "./session";
import type { EventHandlerTable } from "./event-handlers";

/** What the console manager takes from the hub. */
export interface ExecEventSink {
  onOutput(from: AgentSession, p: AgentEventParams<"exec/output">): void;
  onExit(from: AgentSession, p: AgentEventParams<"exec/exit">): void;
}

type GlobalWithSink = typeof globalThis & { __homeportExecSink?: ExecEventSink };

export function setExecEventSink(sink: ExecEventSink | undefined): void {
  (globalThis as GlobalWithSink).__homeportExecSink = sink;
}

const sink = () => (globalThis as GlobalWithSink).__homeportExecSink;

/** Events for a console no manager knows (already ended, or none running) are dropped. */
export const EXEC_EVENT_HANDLERS: Pick<EventHandlerTable, "exec/output" | "exec/exit"> = {
  "exec/output": { rate: "exec", handle: async (p, { session }) => sink()?.onOutput(session, p) },
  "exec/exit": { rate: "exec", handle: async (p, { session }) => sink()?.onExit(session, p) },
};
