// OpenAPI paths of the host firewall (/hosts/{id}/firewall…), from the same zod schemas the
// handlers use; spread into lib/api/openapi.ts.
import { z } from "zod";
import { body, documents, errors, idParam, itemsSchema, ok, type Json } from "../openapi-helpers";
import { FirewallPlanSchema, FirewallRuleSchema } from "@/lib/protocol/firewall";
import {
  FIREWALL_STATUSES,
  FirewallApplyRequestSchema,
  FirewallPlanRequestSchema,
  type FirewallChangeView,
  type FirewallHostView,
  type FirewallPreview,
} from "@/lib/firewall/schemas";

const Words = z.object({ table: z.string(), words: z.string() });
const ViewSchema = z.object({
  headline: z.object({ tone: z.enum(["warning", "ok"]), text: z.string() }),
  interfaces: z.array(z.object({ name: z.string(), up: z.boolean(), addresses: z.array(z.string()), inbound: z.array(Words), outbound: z.array(Words) })),
  chains: z.array(z.object({
    table: z.string(),
    name: z.string(),
    hook: z.enum(["input", "output", "forward"]),
    policy: z.enum(["accept", "drop"]),
    docker: z.boolean(),
    homeport: z.boolean(),
    rules: z.array(z.object({ text: z.string(), verdict: z.string() })),
  })),
  docker: z.object({ chains: z.number(), tables: z.array(z.string()), summary: z.string() }).nullable(),
  homeportTable: z.boolean(),
  truncated: z.boolean(),
  notes: z.array(z.string()),
});
const HostViewSchema = documents<FirewallHostView>()(z.object({
  host: z.object({ id: z.string(), name: z.string(), online: z.boolean(), allowFirewall: z.boolean() }),
  available: z.boolean(),
  reason: z.string().nullable(),
  view: ViewSchema.nullable(),
  suggestions: z.object({
    suggestions: z.array(z.object({ rule: FirewallRuleSchema, why: z.string(), source: z.enum(["ssh", "proxy", "route", "service", "tunnel", "homeport"]) })),
    plan: FirewallPlanSchema,
    wouldCut: z.array(z.string()),
    notes: z.array(z.string()),
  }).nullable(),
  homeportTable: z.string().nullable(),
  pending: z.array(z.object({ changeId: z.string(), deadline: z.string() })),
}));
const PreviewSchema = documents<FirewallPreview>()(z.object({
  plan: FirewallPlanSchema,
  nftText: z.string(),
  currentTable: z.string().nullable(),
  diff: z.array(z.object({ op: z.enum(["same", "add", "remove"]), line: z.string() })),
  hash: z.string(),
  wouldCut: z.array(z.string()),
}));
const ChangeSchema = documents<FirewallChangeView>()(z.object({
  id: z.string(),
  hostId: z.string(),
  status: z.enum(FIREWALL_STATUSES),
  actor: z.string(),
  nftText: z.string(),
  ruleCount: z.number(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  revertedAt: z.string().nullable(),
  error: z.string().nullable(),
}));

export function firewallOpenApiPaths(): Json {
  const tags = ["firewall"];
  return {
    "/hosts/{id}/firewall": {
      parameters: [idParam],
      get: { tags, summary: "The host's nftables rules read through its agent: what is allowed in and out per interface in words, Docker's chains summarised, and suggested rules derived from routes and published ports (with why, and what they would cut). `available: false` with the reason when the agent is offline, nft is missing or the owner turned firewall access off (--deny-firewall)", responses: { ...ok(HostViewSchema), ...errors(401, 403, 404, 409) } },
    },
    "/hosts/{id}/firewall/plan": {
      parameters: [idParam],
      post: { tags, summary: "Preview a plan for Homeport's own table (inet homeport_fw; the suggested plan when none is sent): the exact nft text, the diff against the table in force, what it would cut, and the hash apply requires. 403 when the host's owner turned firewall changes off; 409 when the agent is offline or nft is missing", requestBody: body(FirewallPlanRequestSchema), responses: { ...ok(PreviewSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
    },
    "/hosts/{id}/firewall/apply": {
      parameters: [idParam],
      post: { tags, summary: "Apply a previewed plan (admin). The agent checks it with nft -c, arms its dead-man's switch and replaces only Homeport's table; Homeport confirms at once by a fresh round trip. Unconfirmed, the agent reverts it by itself at the deadline (confirmWithinSec, 10-300 s). Answers the change (confirmed, or applied and awaiting its revert, or failed). 409 when the preview is stale, a change is still unconfirmed, the agent is offline or nft is missing; 403 with --deny-firewall", requestBody: body(FirewallApplyRequestSchema), responses: { ...ok(ChangeSchema), ...errors(400, 401, 403, 404, 409, 413, 415, 422) } },
    },
    "/hosts/{id}/firewall/changes": {
      parameters: [idParam],
      get: { tags, summary: "The host's firewall changes, newest first (pending, applied, confirmed, reverted or failed)", responses: { ...ok(itemsSchema(ChangeSchema)), ...errors(401, 403, 404) } },
    },
  };
}
