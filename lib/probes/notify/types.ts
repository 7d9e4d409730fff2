// The contract of a notification channel kind (webhook, ntfy, email): its descriptor (config
// schema, fields, secret) and one `send`. Registered by kind in catalog.ts and index.ts.
import { z } from "zod";
import type { ChannelKind } from "./catalog";
import type { ChannelDescriptor } from "./descriptor";

/** What every channel is told: one event about one check (stored as a delivery's payload). */
export const NotificationMessageSchema = z.object({
  event: z.enum(["incident.opened", "incident.updated", "incident.resolved", "test"]),
  title: z.string(),
  text: z.string(),
  at: z.string(),
  check: z.object({ id: z.string(), name: z.string(), description: z.string() }).nullable(),
  incident: z.object({
    id: z.string(),
    kind: z.enum(["down", "degraded"]),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    vantages: z.array(z.string()),
    errorClass: z.string().nullable(),
    message: z.string().nullable(),
  }).nullable(),
});
export type NotificationMessage = z.infer<typeof NotificationMessageSchema>;

/** Where a notification about `message` opens Homeport: the check-in page (null without an app address or for tests). */
export function checkInUrl(appUrl: string | undefined, message: Pick<NotificationMessage, "incident">): string | null {
  if (!appUrl || !message.incident) return null;
  return `${appUrl.replace(/\/+$/, "")}/check-in#incident-${message.incident.id}`;
}

export interface ChannelProvider<C> extends ChannelDescriptor<ChannelKind, C> {
  /**
   * Delivers one message to the configured destination only (no redirects followed). Resolves
   * when the receiver accepted it; rejects with a short reason otherwise. Must honour `signal`.
   */
  send(config: C, secret: string | null, message: NotificationMessage, signal: AbortSignal): Promise<void>;
}
