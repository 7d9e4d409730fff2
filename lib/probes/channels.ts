// Notification channels: CRUD with the secret sealed at rest (lib/auth/secret-box) and never
// returned, plus the deliveries list that makes failures visible.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, invalidFromZod, notFound } from "@/lib/errors";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { sealSecret } from "@/lib/auth/secret-box";
import { CHANNEL_PROVIDERS } from "./notify";
import { channelRows } from "./rows";
import { movedChannelKeys, type ChannelCreateInput, type ChannelUpdateInput, type ChannelView, type DeliveryView } from "./schemas";
import { toChannelView, toDeliveryView } from "./views";

const RECENT_DELIVERIES = 50;

export async function listChannels(db: Db): Promise<ChannelView[]> {
  return (await db.notificationChannel.findMany({ orderBy: { name: "asc" } })).map(toChannelView);
}

export async function getChannelOrThrow(db: Db, id: string): Promise<ChannelView> {
  const row = await db.notificationChannel.findUnique({ where: { id } });
  if (!row) throw notFound("Notification channel");
  return toChannelView(row);
}

export async function createChannel(db: Db, input: ChannelCreateInput, actor: AuditActor, meta: AuditOrigin): Promise<ChannelView> {
  return db.$transaction(async (tx) => {
    const row = await tx.notificationChannel.create({
      data: { name: input.name, kind: input.kind, config: JSON.stringify(input.config), secret: input.secret ? sealSecret(input.secret) : null, enabled: input.enabled },
    });
    await recordAudit(tx, { actor, action: "notification_channel.create", target: { type: "notification_channel", id: row.id }, details: { name: row.name, kind: row.kind }, meta });
    return toChannelView(row);
  });
}

export async function updateChannel(db: Db, id: string, input: ChannelUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<ChannelView> {
  return db.$transaction(async (tx) => {
    const found = await tx.notificationChannel.findUnique({ where: { id } });
    if (!found) throw notFound("Notification channel");
    const current = channelRows.parse(found);
    const kind = current.kind;
    let config: string | undefined;
    if (input.config !== undefined) {
      const parsed = CHANNEL_PROVIDERS[kind].configSchema.safeParse(input.config);
      if (!parsed.success) throw invalidFromZod(parsed.error);
      config = JSON.stringify(parsed.data);
      // The stored secret only goes where it was entered for: a new destination needs it again
      // (or an explicit null/empty to drop it) in the same request.
      const moved = movedChannelKeys(kind, current.config, z.record(z.string(), z.unknown()).parse(parsed.data));
      if (moved.length > 0 && current.secret !== null && input.secret === undefined) {
        const message = `required when the ${moved.join(", ")} change${moved.length === 1 ? "s" : ""}: the stored secret is never sent to a new address (send null to remove it)`;
        throw new DomainError("invalid", `secret: ${message}`, { issues: [{ path: "secret", message }] });
      }
    }
    const row = await tx.notificationChannel.update({
      where: { id },
      data: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        ...(input.secret !== undefined && { secret: input.secret ? sealSecret(input.secret) : null }),
        ...(config !== undefined && { config }),
      },
    });
    await recordAudit(tx, { actor, action: "notification_channel.update", target: { type: "notification_channel", id }, details: { changed: Object.keys(input) }, meta });
    return toChannelView(row);
  });
}

export async function deleteChannel(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.notificationChannel.findUnique({ where: { id } });
    if (!current) throw notFound("Notification channel");
    await tx.notificationChannel.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "notification_channel.delete", target: { type: "notification_channel", id }, details: { name: current.name }, meta });
  });
}

export async function listDeliveries(db: Db, channelId: string): Promise<DeliveryView[]> {
  await getChannelOrThrow(db, channelId);
  const rows = await db.delivery.findMany({ where: { channelId }, orderBy: { createdAt: "desc" }, take: RECENT_DELIVERIES });
  return rows.map(toDeliveryView);
}
