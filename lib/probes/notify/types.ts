// The contract of a notification channel kind (webhook, ntfy, email): a config schema and one
// `send`. Registered by kind in index.ts.
import type { z } from "zod";
import type { ChannelKind } from "../schemas";

/** What every channel is told: one event about one check. */
export interface NotificationMessage {
  event: "incident.opened" | "incident.updated" | "incident.resolved" | "test";
  title: string;
  text: string;
  at: string;
  check: { id: string; name: string; description: string } | null;
  incident: {
    id: string;
    kind: "down" | "degraded";
    startedAt: string;
    endedAt: string | null;
    durationMs: number | null;
    vantages: string[];
    errorClass: string | null;
    message: string | null;
  } | null;
}

/** Where a notification about `message` opens Homeport: the check-in page (null without an app address or for tests). */
export function checkInUrl(appUrl: string | undefined, message: Pick<NotificationMessage, "incident">): string | null {
  if (!appUrl || !message.incident) return null;
  return `${appUrl.replace(/\/+$/, "")}/check-in#incident-${message.incident.id}`;
}

export interface ChannelProvider<C> {
  readonly kind: ChannelKind;
  readonly configSchema: z.ZodType<C>;
  /**
   * Delivers one message to the configured destination only (no redirects followed). Resolves
   * when the receiver accepted it; rejects with a short reason otherwise. Must honour `signal`.
   */
  send(config: C, secret: string | null, message: NotificationMessage, signal: AbortSignal): Promise<void>;
}
