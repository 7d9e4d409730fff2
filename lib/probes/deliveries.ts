// The delivery queue: incidents enqueue one Delivery per routed channel (in the transaction that
// changed the incident); a background job sends them with retries and backoff. Probing never
// waits for it; every attempt's outcome is visible on the Delivery row.
import type { Db } from "@/lib/db";
import type { DbOrTx } from "@/lib/audit";
import { openSecret } from "@/lib/auth/secret-box";
import { log } from "@/lib/log";
import { CHANNEL_PROVIDERS, type NotificationMessage } from "./notify";
import { channelRows, deliveryRows } from "./rows";
import type { DeliveryView } from "./schemas";
import { getChannelOrThrow } from "./channels";
import { toDeliveryView } from "./views";

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Waits before attempts 2, 3, …; after the last one the delivery is "failed". */
export const DELIVERY_BACKOFF_MS = [15_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_BACKOFF_MS.length + 1;
const DELIVERY_BATCH = 20;

export async function enqueueDeliveries(tx: DbOrTx, channelIds: string[], message: NotificationMessage, incidentId: string | null): Promise<number> {
  if (channelIds.length === 0) return 0;
  const channels = await tx.notificationChannel.findMany({ where: { id: { in: channelIds }, enabled: true }, select: { id: true } });
  if (channels.length === 0) return 0;
  await tx.delivery.createMany({
    data: channels.map((c) => ({ channelId: c.id, incidentId, event: message.event, payload: JSON.stringify(message) })),
  });
  return channels.length;
}

/** Backoff after `attempts` failed attempts, or null when it is time to give up. */
export function nextAttemptDelay(attempts: number): number | null {
  return attempts >= MAX_DELIVERY_ATTEMPTS ? null : (DELIVERY_BACKOFF_MS[attempts - 1] ?? null);
}

async function attempt(db: Db, id: string, now: () => Date): Promise<void> {
  const d = await db.delivery.findUnique({ where: { id }, include: { channel: true } });
  if (!d || d.status !== "pending") return;
  const attempts = d.attempts + 1;
  try {
    // Parsed here, inside the try: a damaged row fails this delivery (with the reason) like any other error.
    const delivery = deliveryRows.parse(d);
    const channel = channelRows.parse(d.channel);
    const provider = CHANNEL_PROVIDERS[channel.kind];
    const config = provider.configSchema.parse(channel.config);
    const secret = channel.secret ? openSecret(channel.secret) : null;
    await provider.send(config, secret, delivery.payload, AbortSignal.timeout(DELIVERY_TIMEOUT_MS));
    await db.delivery.update({ where: { id }, data: { status: "sent", attempts, sentAt: now(), lastError: null } });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    const delay = nextAttemptDelay(attempts);
    await db.delivery.update({
      where: { id },
      data: delay === null ? { status: "failed", attempts, lastError: reason } : { attempts, lastError: reason, nextAttemptAt: new Date(now().getTime() + delay) },
    });
    log.warn("probes", "notification delivery failed", { deliveryId: id, channelId: d.channelId, attempts, giveUp: delay === null, error: reason });
  }
}

/** Sends the deliveries that are due. Returns how many were attempted. */
export async function processDeliveries(db: Db, now: () => Date = () => new Date()): Promise<number> {
  const due = await db.delivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now() } },
    orderBy: { nextAttemptAt: "asc" },
    take: DELIVERY_BATCH,
    select: { id: true },
  });
  await Promise.all(due.map((d) => attempt(db, d.id, now)));
  return due.length;
}

/** The test-send button: enqueues a test message and attempts it once right away. */
export async function sendTestNotification(db: Db, channelId: string): Promise<DeliveryView> {
  const channel = await getChannelOrThrow(db, channelId);
  const at = new Date().toISOString();
  const message: NotificationMessage = {
    event: "test",
    title: `Test from Homeport (${channel.name})`,
    text: `This is a test notification for channel "${channel.name}". If you can read it, delivery works.`,
    at,
    check: null,
    incident: null,
  };
  const row = await db.delivery.create({ data: { channelId, event: "test", payload: JSON.stringify(message) } });
  await attempt(db, row.id, () => new Date());
  return toDeliveryView(await db.delivery.findUniqueOrThrow({ where: { id: row.id } }));
}
