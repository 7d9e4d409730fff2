// Game days (issue 17): the experiments a user picks, the blast-radius plan, the stored row's JSON
// columns (targets, prediction, timeline, outcome) and the views. Browser-safe zod schemas shared by
// the API, the OpenAPI document, the forms and the hub's event handler.
import { z } from "zod";
import { FaultSchema, MAX_FAULT_SECONDS, MIN_FAULT_SECONDS } from "@/lib/protocol/gameday";

export { MIN_FAULT_SECONDS, MAX_FAULT_SECONDS };

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an id");
const ContainerRef = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, "a container id or name");

export const GAMEDAY_KINDS = ["internet-down", "kill-service", "cut-agent", "stop-dns", "stop-tunnel", "netem"] as const;
export const GameDayKindSchema = z.enum(GAMEDAY_KINDS);
export type GameDayKind = z.infer<typeof GameDayKindSchema>;

export const GAMEDAY_STATUSES = ["planned", "running", "reverting", "completed", "aborted", "failed"] as const;
export const GameDayStatusSchema = z.enum(GAMEDAY_STATUSES);
export type GameDayStatus = z.infer<typeof GameDayStatusSchema>;

/** The words the whole-LAN confirmation asks the user to type. */
export const WHOLE_LAN_CONFIRM = "whole LAN";

export const ExperimentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("internet-down"), hostId: Id.nullable().describe("one host; null: every online agent on the LAN") }),
  z.object({ kind: z.literal("kill-service"), serviceId: Id }),
  z.object({ kind: z.literal("cut-agent"), hostId: Id }),
  z.object({ kind: z.literal("stop-dns"), hostId: Id, container: ContainerRef.describe("the DNS server's container (id or name) on that host") }),
  z.object({ kind: z.literal("stop-tunnel"), tunnelId: Id }),
  z.object({
    kind: z.literal("netem"),
    serviceId: Id,
    delayMs: z.number().int().min(0).max(10_000).default(0),
    jitterMs: z.number().int().min(0).max(10_000).default(0),
    lossPct: z.number().min(0).max(100).default(0),
  }),
]);
export type Experiment = z.infer<typeof ExperimentSchema>;

export const PlanRequestSchema = z.object({
  experiment: ExperimentSchema,
  durationSec: z.number().int().min(MIN_FAULT_SECONDS, `at least ${MIN_FAULT_SECONDS} seconds`).max(MAX_FAULT_SECONDS, `at most ${MAX_FAULT_SECONDS / 60} minutes`),
});
export type PlanRequest = z.infer<typeof PlanRequestSchema>;

export const StartRequestSchema = PlanRequestSchema.extend({
  confirm: z.string().max(253).optional().describe(`for the whole-LAN internet-down kind: the words "${WHOLE_LAN_CONFIRM}"`),
});
export type StartRequest = z.infer<typeof StartRequestSchema>;

/** One agent the experiment runs on and the fault it injects there. */
export const TargetSchema = z.object({ hostId: z.string(), hostName: z.string(), fault: FaultSchema, online: z.boolean() });
export type Target = z.infer<typeof TargetSchema>;

/** The stored scope column: what the user picked and where it runs. */
export const ScopeSchema = z.object({ experiment: ExperimentSchema, title: z.string(), targets: z.array(TargetSchema) });
export type Scope = z.infer<typeof ScopeSchema>;

export const SideSchema = z.enum(["up", "down", "degraded", "unaffected", "n/a", "unknown"]);
export type Side = z.infer<typeof SideSchema>;

/** What the plan predicts for one route, service or host. */
export const PredictionSchema = z.object({
  type: z.enum(["route", "service", "host"]),
  id: z.string(),
  name: z.string(),
  lan: SideSchema.describe("from home (LAN vantage points)"),
  away: SideSchema.describe("from away (remote vantage points)"),
  why: z.string(),
  checkIds: z.array(z.string()),
});
export type Prediction = z.infer<typeof PredictionSchema>;

export const PlanViewSchema = z.object({
  experiment: ExperimentSchema,
  durationSec: z.number().int(),
  title: z.string(),
  summary: z.string().describe("the blast radius in words"),
  targets: z.array(TargetSchema),
  predictions: z.array(PredictionSchema),
  warnings: z.array(z.string()),
  blockers: z.array(z.string()).describe("why it cannot start now; empty when it can"),
  confirmWord: z.string().nullable().describe("words the user must type to confirm (whole LAN only)"),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

export const TIMELINE_KINDS = ["started", "ack", "refused", "check-down", "check-up", "incident", "abort", "deadline", "reverted", "ended", "note"] as const;
export const TimelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
  hostId: z.string().nullish(),
  checkId: z.string().nullish(),
  vantageId: z.string().nullish(),
  ok: z.boolean().nullish(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** Observed per route and service: what the checks saw during the window and after the revert. */
export const OutcomeItemSchema = z.object({
  type: z.enum(["route", "service", "host"]),
  id: z.string(),
  name: z.string(),
  predicted: z.object({ lan: SideSchema, away: SideSchema }),
  observed: z.object({ lan: SideSchema, away: SideSchema }),
  matches: z.boolean().nullable().describe("null: no check results to compare"),
  failedVantages: z.array(z.string()),
  detectMs: z.number().int().nullable().describe("from the start to the first failing result"),
  recoverMs: z.number().int().nullable().describe("from the revert to the first passing result after it"),
  recovered: z.boolean().nullable(),
});
export type OutcomeItem = z.infer<typeof OutcomeItemSchema>;

export const OutcomeSchema = z.object({ items: z.array(OutcomeItemSchema), matched: z.number().int(), mismatched: z.number().int(), unobserved: z.number().int() });
export type Outcome = z.infer<typeof OutcomeSchema>;

export const GameDayRowViewSchema = z.object({
  id: z.string(),
  kind: GameDayKindSchema,
  title: z.string(),
  status: GameDayStatusSchema,
  durationSec: z.number().int(),
  actor: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  hosts: z.array(z.object({ id: z.string(), name: z.string() })),
  mismatched: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type GameDayRowView = z.infer<typeof GameDayRowViewSchema>;

export const GameDayPageSchema = z.object({ items: z.array(GameDayRowViewSchema) });

export const GameDayViewSchema = GameDayRowViewSchema.extend({
  experiment: ExperimentSchema,
  targets: z.array(TargetSchema),
  predictions: z.array(PredictionSchema),
  timeline: z.array(TimelineEntrySchema),
  outcome: OutcomeSchema,
  revertedAt: z.string().nullable().describe("when the last agent reverted"),
});
export type GameDayView = z.infer<typeof GameDayViewSchema>;

/** What the "New game day" form can pick from. */
export const GameDayOptionsSchema = z.object({
  hosts: z.array(z.object({ id: z.string(), name: z.string(), vantage: z.string(), online: z.boolean(), allowFaults: z.boolean(), netem: z.boolean().nullable(), nftables: z.boolean().nullable(), reasons: z.array(z.string()) })),
  services: z.array(z.object({ id: z.string(), name: z.string(), hostId: z.string(), hostName: z.string(), container: z.string().nullable() })),
  containers: z.array(z.object({ hostId: z.string(), hostName: z.string(), name: z.string(), image: z.string(), likelyDns: z.boolean() })),
  tunnels: z.array(z.object({ id: z.string(), name: z.string(), hostId: z.string().nullable(), hostName: z.string().nullable(), container: z.string().nullable() })),
  localNets: z.array(z.string()),
});
export type GameDayOptions = z.infer<typeof GameDayOptionsSchema>;

export const GameDayIdSchema = z.string().regex(/^[a-z0-9]{8,40}$/i);
