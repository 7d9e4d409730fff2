// Errors the agent answers with: a protocol error code plus a message for the operator.
import type { ProtocolError, ProtocolErrorCode } from "@/lib/protocol";

export class AgentError extends Error {
  constructor(readonly code: ProtocolErrorCode, message: string) {
    super(message);
  }
}

/** Docker's HTTP status on a dockerode error, if any. */
export function dockerStatus(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === "number" ? s : undefined;
}

export function toProtocolError(err: unknown): ProtocolError {
  if (err instanceof AgentError) return { code: err.code, message: err.message.slice(0, 4000) };
  const status = dockerStatus(err);
  const message = (err instanceof Error ? err.message : String(err)).slice(0, 4000);
  if (status === 404) return { code: "not_found", message };
  if (status === 409) return { code: "conflict", message };
  return { code: "internal", message };
}
