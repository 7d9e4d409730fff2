// The firewall domain's browser-safe shapes: the per-host view, suggestions, the plan preview, the
// change history and the API inputs (issue 17, part 3).
import { z } from "zod";
import { FirewallPlanSchema, MAX_CONFIRM_SECONDS, MIN_CONFIRM_SECONDS, type FirewallPlan, type FirewallRule } from "@/lib/protocol/firewall";

export const DEFAULT_CONFIRM_SECONDS = 60;

export type ChainHook = "input" | "output" | "forward";

export interface RuleLine {
  text: string;
  verdict: string;
}

/** One base chain (hooked on input, output or forward), its policy and its rules in words. */
export interface ChainView {
  table: string;
  name: string;
  hook: ChainHook;
  policy: "accept" | "drop";
  docker: boolean;
  homeport: boolean;
  rules: RuleLine[];
}

/** What one table's chain lets through on one interface, in words. */
export interface DirectionWords {
  table: string;
  words: string;
}

export interface InterfaceView {
  name: string;
  up: boolean;
  addresses: string[];
  inbound: DirectionWords[];
  outbound: DirectionWords[];
}

export interface FirewallView {
  /** The one line the page leads with: is anything filtering what comes in? */
  headline: { tone: "warning" | "ok"; text: string };
  interfaces: InterfaceView[];
  chains: ChainView[];
  /** Docker's own chains, recognised and summarised rather than dumped. */
  docker: { chains: number; tables: string[]; summary: string } | null;
  homeportTable: boolean;
  truncated: boolean;
  notes: string[];
}

export type SuggestionSource = "ssh" | "proxy" | "route" | "service" | "tunnel" | "homeport";

export interface Suggestion {
  rule: FirewallRule;
  why: string;
  source: SuggestionSource;
}

export interface FirewallSuggestions {
  suggestions: Suggestion[];
  /** The plan the suggestions make: drop inbound except these (the usual safe rules included). */
  plan: FirewallPlan;
  /** What applying the plan would cut: inbound ports accepted now that it does not allow. */
  wouldCut: string[];
  notes: string[];
}

export const FIREWALL_STATUSES = ["pending", "applied", "confirmed", "reverted", "failed"] as const;
export type FirewallChangeStatus = (typeof FIREWALL_STATUSES)[number];

export interface FirewallChangeView {
  id: string;
  hostId: string;
  status: FirewallChangeStatus;
  actor: string;
  nftText: string;
  ruleCount: number;
  createdAt: string;
  appliedAt: string | null;
  deadlineAt: string | null;
  confirmedAt: string | null;
  revertedAt: string | null;
  error: string | null;
}

export interface FirewallHostView {
  host: { id: string; name: string; online: boolean; allowFirewall: boolean };
  available: boolean;
  reason: string | null;
  view: FirewallView | null;
  suggestions: FirewallSuggestions | null;
  homeportTable: string | null;
  pending: { changeId: string; deadline: string }[];
}

export interface FirewallPreview {
  plan: FirewallPlan;
  nftText: string;
  currentTable: string | null;
  diff: { op: "same" | "add" | "remove"; line: string }[];
  /** Names this exact preview; apply refuses a plan whose hash differs (the preview changed). */
  hash: string;
  wouldCut: string[];
}

/** A row of the hosts list. */
export interface FirewallHostSummary {
  id: string;
  name: string;
  online: boolean;
  allowFirewall: boolean;
  lastChange: { status: FirewallChangeStatus; createdAt: string } | null;
}

export const FirewallPlanRequestSchema = z.object({
  plan: FirewallPlanSchema.optional().describe("the rules to preview; omitted: the suggested plan"),
});
export type FirewallPlanRequest = z.infer<typeof FirewallPlanRequestSchema>;

export const FirewallApplyRequestSchema = z.object({
  plan: FirewallPlanSchema,
  hash: z.string().regex(/^[a-f0-9]{64}$/, "the hash of the preview"),
  confirmWithinSec: z.number().int().min(MIN_CONFIRM_SECONDS).max(MAX_CONFIRM_SECONDS).default(DEFAULT_CONFIRM_SECONDS),
});
export type FirewallApplyRequest = z.infer<typeof FirewallApplyRequestSchema>;
