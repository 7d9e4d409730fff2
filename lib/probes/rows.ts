// The reachability tables' rows as the domain reads them: each row parsed once where it leaves the
// database (types, statuses and kinds through their z.enum, JSON columns through their schemas;
// lib/db/rows), one record type per aggregate.
import { z } from "zod";
import { jsonColumn, rowParser, type RecordOf } from "@/lib/db/rows";
import { CheckTypeSchema, ErrorClassSchema } from "./engine/schemas";
import { CHANNEL_KINDS } from "./notify/catalog";
import { NotificationMessageSchema } from "./notify/types";
import { CellStatusSchema, CheckExpectationSchema, CheckStatusSchema, VantageSelectorSchema } from "./schemas";

/** A stored list of vantage selectors (ids, kind:lan, kind:remote). */
export const SelectorsColumn = jsonColumn(z.array(VantageSelectorSchema));

const checkShape = {
  id: z.string(),
  name: z.string(),
  type: CheckTypeSchema,
  /** The type's target; CheckSpecSchema checks it with the type (views.specOf). */
  target: jsonColumn(z.unknown()),
  intervalSec: z.number().int(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  vantages: SelectorsColumn,
  channels: jsonColumn(z.array(z.string())),
  enabled: z.boolean(),
  expectation: CheckExpectationSchema,
  source: z.enum(["manual", "route", "service"]),
  sourceKey: z.string().nullable(),
  status: CheckStatusSchema,
  statusSince: z.date().nullable(),
  tags: jsonColumn(z.array(z.string())),
  groupName: z.string().nullable(),
  pausedAt: z.date().nullable(),
  pausedBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
export const checkRows = rowParser("Check", checkShape);
export type CheckRecord = RecordOf<typeof checkShape>;

/** One (check, vantage point) cell: its last verdict. */
const checkStateShape = {
  checkId: z.string(),
  vantageId: z.string(),
  status: CellStatusSchema,
  errorClass: ErrorClassSchema.nullable(),
  message: z.string().nullable(),
  latencyMs: z.number().int().nullable(),
  consecutiveFailures: z.number().int(),
  lastAt: z.date().nullable(),
  fingerprint: z.string().nullable(),
};
export const checkStateRows = rowParser("CheckState", checkStateShape, { idColumn: "checkId" });
export type CheckStateRecord = RecordOf<typeof checkStateShape>;

const incidentShape = {
  id: z.string(),
  checkId: z.string(),
  kind: z.enum(["down", "degraded"]),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  durationMs: z.number().int().nullable(),
  vantages: jsonColumn(z.array(z.string())),
  errorClass: z.string().nullable(),
  message: z.string().nullable(),
};
export const incidentRows = rowParser("Incident", incidentShape);
export type IncidentRecord = RecordOf<typeof incidentShape>;

const channelShape = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  /** The kind's config without the secret (the kind's configSchema checks it where it is used). */
  config: jsonColumn(z.record(z.string(), z.unknown())),
  /** Sealed with lib/auth/secret-box, or null. */
  secret: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
export const channelRows = rowParser("NotificationChannel", channelShape);
export type ChannelRecord = RecordOf<typeof channelShape>;

const deliveryShape = {
  id: z.string(),
  channelId: z.string(),
  incidentId: z.string().nullable(),
  event: z.string(),
  payload: jsonColumn(NotificationMessageSchema),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
};
export const deliveryRows = rowParser("Delivery", deliveryShape);
export type DeliveryRecord = RecordOf<typeof deliveryShape>;
