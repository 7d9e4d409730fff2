// Database rows → API views for the reachability domain (JSON columns parsed, dates as ISO).
import type { Prisma } from "@/lib/db";
import { describeCheck } from "./engine/run";
import { channelRows, checkRows, deliveryRows, incidentRows } from "./rows";
import { CheckSpecSchema, type CheckSpec } from "./engine/schemas";
import {
  ChannelSchema, CheckSchema, DeliverySchema, IncidentSchema, VantageSchema,
  type ChannelView, type CheckView, type DeliveryView, type IncidentView, type VantageView,
} from "./schemas";

type CheckRow = Prisma.CheckGetPayload<object>;
type IncidentRow = Prisma.IncidentGetPayload<{ include: { check: { select: { name: true } } } }>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The stored type + target as an engine spec (re-validated: rows written by older versions). */
export function specOf(row: Pick<CheckRow, "type" | "target"> & { id?: string }): CheckSpec {
  return CheckSpecSchema.parse(checkRows.columns(row));
}

export function toCheckView(raw: CheckRow): CheckView {
  const row = checkRows.parse(raw);
  const spec = CheckSpecSchema.parse(row);
  return CheckSchema.parse({
    id: row.id,
    name: row.name,
    type: spec.type,
    target: spec.target,
    description: describeCheck(spec),
    intervalSec: row.intervalSec,
    timeoutMs: row.timeoutMs,
    retries: row.retries,
    vantages: row.vantages,
    channels: row.channels,
    enabled: row.enabled,
    expectation: row.expectation,
    source: row.source,
    sourceKey: row.sourceKey,
    status: row.status,
    statusSince: iso(row.statusSince),
    tags: row.tags,
    groupName: row.groupName,
    pausedAt: iso(row.pausedAt),
    pausedBy: row.pausedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

export function toIncidentView(raw: IncidentRow): IncidentView {
  const row = incidentRows.parse(raw);
  return IncidentSchema.parse({
    id: row.id,
    checkId: row.checkId,
    checkName: raw.check.name,
    kind: row.kind,
    startedAt: row.startedAt.toISOString(),
    endedAt: iso(row.endedAt),
    durationMs: row.durationMs,
    vantages: row.vantages,
    errorClass: row.errorClass,
    message: row.message,
    acknowledgedAt: iso(raw.acknowledgedAt),
    acknowledgedBy: raw.acknowledgedBy,
  });
}

export function toVantageView(row: Prisma.VantagePointGetPayload<object>): VantageView {
  return VantageSchema.parse({ id: row.id, name: row.name, kind: row.kind, enabled: row.enabled, lastSeenAt: iso(row.lastSeenAt) });
}

export function toChannelView(raw: Prisma.NotificationChannelGetPayload<object>): ChannelView {
  const row = channelRows.parse(raw);
  return ChannelSchema.parse({
    id: row.id,
    name: row.name,
    kind: row.kind,
    config: row.config,
    hasSecret: row.secret !== null,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
  });
}

export function toDeliveryView(raw: Prisma.DeliveryGetPayload<object>): DeliveryView {
  const row = deliveryRows.parse(raw);
  return DeliverySchema.parse({
    id: row.id,
    channelId: row.channelId,
    incidentId: row.incidentId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
  });
}
