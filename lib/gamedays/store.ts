// Game-day rows: parsing the JSON columns, appending to the timeline atomically (the hub's event
// handler and the scheduler both append), status changes guarded by the current status, views.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { getEventBus } from "@/lib/events";
import {
  GameDayKindSchema,
  GameDayStatusSchema,
  OutcomeSchema,
  PredictionSchema,
  ScopeSchema,
  TimelineEntrySchema,
  type GameDayRowView,
  type GameDayStatus,
  type Outcome,
  type Prediction,
  type Scope,
  type TimelineEntry,
} from "./schemas";

/** History rows kept and listed. */
export const GAMEDAY_HISTORY_LIMIT = 100;

export interface GameDayRecord {
  id: string;
  kind: z.infer<typeof GameDayKindSchema>;
  status: GameDayStatus;
  scope: Scope;
  durationSec: number;
  actor: string;
  createdAt: Date;
  startedAt: Date | null;
  deadlineAt: Date | null;
  endedAt: Date | null;
  prediction: Prediction[];
  timeline: TimelineEntry[];
  outcome: Outcome | null;
  error: string | null;
}

type Row = NonNullable<Awaited<ReturnType<Db["gameDay"]["findUnique"]>>>;

function column<T extends z.ZodType>(row: Row, name: string, text: string, schema: T): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`GameDay ${row.id}: column ${name} is not JSON`);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new Error(`GameDay ${row.id}: column ${name} does not parse: ${r.error.message.slice(0, 300)}`);
  return r.data;
}

export function gameDayFromRow(row: Row): GameDayRecord {
  return {
    id: row.id,
    kind: column(row, "kind", JSON.stringify(row.kind), GameDayKindSchema),
    status: column(row, "status", JSON.stringify(row.status), GameDayStatusSchema),
    scope: column(row, "scope", row.scope, ScopeSchema),
    durationSec: row.durationSec,
    actor: row.actor,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    deadlineAt: row.deadlineAt,
    endedAt: row.endedAt,
    prediction: column(row, "prediction", row.prediction, z.array(PredictionSchema)),
    // Entries are appended by raw SQL: one that does not parse is dropped, not fatal.
    timeline: column(row, "timeline", row.timeline, z.array(z.unknown())).flatMap((e) => {
      const r = TimelineEntrySchema.safeParse(e);
      return r.success ? [r.data] : [];
    }),
    outcome: row.outcome ? column(row, "outcome", row.outcome, OutcomeSchema) : null,
    error: row.error,
  };
}

export async function findGameDay(db: Db, id: string): Promise<GameDayRecord | null> {
  const row = await db.gameDay.findUnique({ where: { id } });
  return row ? gameDayFromRow(row) : null;
}

/** Appends one entry to a game day's timeline in one statement (no lost update between writers). */
export async function appendTimeline(db: Db, id: string, entry: TimelineEntry): Promise<void> {
  await db.$executeRaw`UPDATE "GameDay" SET "timeline" = json_insert("timeline", '$[#]', json(${JSON.stringify(entry)})) WHERE "id" = ${id}`;
}

/** Moves a game day to `to` only from one of `from`; false when another writer got there first. */
export async function moveStatus(db: Db, id: string, from: GameDayStatus[], to: GameDayStatus, data: { endedAt?: Date; outcome?: Outcome; error?: string | null } = {}): Promise<boolean> {
  const r = await db.gameDay.updateMany({
    where: { id, status: { in: from } },
    data: { status: to, ...(data.endedAt && { endedAt: data.endedAt }), ...(data.outcome && { outcome: JSON.stringify(data.outcome) }), ...(data.error !== undefined && { error: data.error }) },
  });
  return r.count === 1;
}

export function publishGameDay(id: string, status: GameDayStatus): void {
  getEventBus().publish({ type: "gameday/status", id, status });
}

/** Which target hosts have reverted (first report per host), from the timeline. */
export function revertsOf(g: Pick<GameDayRecord, "timeline">): Map<string, TimelineEntry> {
  const out = new Map<string, TimelineEntry>();
  for (const e of g.timeline) if (e.kind === "reverted" && e.hostId && !out.has(e.hostId)) out.set(e.hostId, e);
  return out;
}

/** The hosts that acknowledged the fault (only they have something to revert). */
export function ackedHosts(g: Pick<GameDayRecord, "timeline">): string[] {
  return [...new Set(g.timeline.filter((e) => e.kind === "ack" && e.hostId).map((e) => e.hostId!))];
}

export function rowView(g: GameDayRecord): GameDayRowView {
  return {
    id: g.id,
    kind: g.kind,
    title: g.scope.title,
    status: g.status,
    durationSec: g.durationSec,
    actor: g.actor,
    createdAt: g.createdAt.toISOString(),
    startedAt: g.startedAt?.toISOString() ?? null,
    deadlineAt: g.deadlineAt?.toISOString() ?? null,
    endedAt: g.endedAt?.toISOString() ?? null,
    hosts: g.scope.targets.map((t) => ({ id: t.hostId, name: t.hostName })),
    mismatched: g.outcome?.mismatched ?? null,
    error: g.error,
  };
}

export async function listGameDays(db: Db): Promise<GameDayRowView[]> {
  const rows = await db.gameDay.findMany({ orderBy: { createdAt: "desc" }, take: GAMEDAY_HISTORY_LIMIT });
  return rows.map((r) => rowView(gameDayFromRow(r)));
}

/** Drops game days beyond the history limit (finished ones only). */
export async function pruneGameDays(db: Db): Promise<void> {
  const keep = await db.gameDay.findMany({ orderBy: { createdAt: "desc" }, take: GAMEDAY_HISTORY_LIMIT, select: { id: true } });
  if (keep.length < GAMEDAY_HISTORY_LIMIT) return;
  await db.gameDay.deleteMany({ where: { id: { notIn: keep.map((k) => k.id) }, status: { in: ["completed", "aborted", "failed"] } } });
}
