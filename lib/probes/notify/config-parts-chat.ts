// Pieces the chat-style channel kinds (Gotify, Matrix, Discord, Telegram, Slack, Pushover) share:
// the event's colour and emoji, and the message as one plain text with the check-in link.
import { checkInUrl, type NotificationMessage } from "./types";

/** Red for problems, green for recoveries, blue for tests. */
export const EVENT_COLOUR: Record<NotificationMessage["event"], number> = {
  "incident.opened": 0xdc2626,
  "incident.updated": 0xf59e0b,
  "incident.resolved": 0x16a34a,
  test: 0x4f46e5,
};

export const EVENT_EMOJI: Record<NotificationMessage["event"], string> = {
  "incident.opened": "🔴",
  "incident.updated": "🟠",
  "incident.resolved": "🟢",
  test: "🧪",
};

/** Problems are sent urgent; recoveries and tests at normal priority. */
export const isProblem = (m: NotificationMessage): boolean => m.event === "incident.opened" || m.event === "incident.updated";

/** "🔴 title\ntext\nlink": the whole message as plain text. */
export function plainText(m: NotificationMessage, appUrl: string | undefined): string {
  const link = checkInUrl(appUrl, m);
  return [`${EVENT_EMOJI[m.event]} ${m.title}`, m.text, link].filter(Boolean).join("\n");
}
