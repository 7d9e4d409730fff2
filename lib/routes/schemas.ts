// The routes domain's shapes, one zod module used by the API handlers, the OpenAPI document and
// the pages: a route itself (create, update, view), per-part status, the plan of a route,
// verdicts, side summaries and the drill report. Safe to import from client components.
import { z } from "zod";
// The inventory's client-safe schema modules (its index also holds server code).
import { HostnameSchema } from "@/lib/inventory/names";
import { PortNumberSchema, updateSchema } from "@/lib/inventory/schemas";
import { endpointRefusal } from "@/lib/net/address-guard";
import { knownAdminEndpoints } from "@/lib/net/admin-endpoints";
import { ExposureSchema } from "./exposure";

export { ExposureSchema, EXPOSURES, isLan, isRemote, type Exposure } from "./exposure";

export const UpstreamUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .url({ message: "a full URL such as http://192.0.2.10:8080", abort: true })
  // Each refinement checks URL.canParse itself: new URL() throws on what is not a URL.
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "only http and https upstreams")
  .refine((u) => { if (!URL.canParse(u)) return true; const x = new URL(u); return !x.username && !x.password; }, "credentials do not belong in the URL")
  // The shared address guard: link-local/metadata in every spelling, unspecified, admin API ports.
  .superRefine((u, ctx) => {
    if (!URL.canParse(u)) return;
    const x = new URL(u);
    const refusal = endpointRefusal(x.hostname, x.port ? Number(x.port) : x.protocol === "https:" ? 443 : 80, knownAdminEndpoints());
    if (refusal) ctx.addIssue({ code: "custom", message: refusal });
  });

const routeFields = {
  hostname: HostnameSchema,
  serviceId: z.string().min(1).max(64).nullable(),
  servicePort: PortNumberSchema.nullable(),
  upstreamUrl: UpstreamUrlSchema.nullable(),
  exposure: ExposureSchema,
};

const targetIsOneOf = (r: { serviceId?: string | null; servicePort?: number | null; upstreamUrl?: string | null }) => {
  const toService = r.serviceId != null;
  const toUrl = r.upstreamUrl != null;
  // A port belongs to a service target only; a stray port beside an upstream URL is refused.
  return toService !== toUrl && (toService ? r.servicePort != null : r.servicePort == null);
};
const targetMessage = { message: "choose either a service and its port, or an upstream URL", path: ["serviceId"] };

export const RouteCreateSchema = z
  .object({
    ...routeFields,
    serviceId: routeFields.serviceId.default(null),
    servicePort: routeFields.servicePort.default(null),
    upstreamUrl: routeFields.upstreamUrl.default(null),
    exposure: routeFields.exposure.default("lan"),
  })
  .strict()
  .refine(targetIsOneOf, targetMessage);
export type RouteCreateInput = z.infer<typeof RouteCreateSchema>;
export type RouteFormValues = z.input<typeof RouteCreateSchema>;

/** PATCH: the merged result is checked again in lib, since the target may change in parts. */
export const RouteUpdateSchema = updateSchema(routeFields);
export type RouteUpdateInput = z.infer<typeof RouteUpdateSchema>;

export const RouteSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  serviceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  servicePort: z.number().int().nullable(),
  upstreamUrl: z.string().nullable(),
  exposure: ExposureSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RouteView = z.infer<typeof RouteSchema>;

/** The four parts of a route, in the order the reconciler converges them. */
export const ROUTE_PARTS = ["lan-dns", "proxy", "tunnel", "public-dns"] as const;
export const RoutePartNameSchema = z.enum(ROUTE_PARTS);
export type RoutePartName = z.infer<typeof RoutePartNameSchema>;

export const PART_STATUSES = ["pending", "ok", "failed", "skipped"] as const;
export const RoutePartStatusSchema = z.enum(PART_STATUSES);
export type RoutePartStatus = z.infer<typeof RoutePartStatusSchema>;

export const RoutePartViewSchema = z.object({
  part: RoutePartNameSchema,
  status: RoutePartStatusSchema.describe("pending: being applied (or interrupted, retried at start-up); skipped: not needed or not configured (see message)"),
  message: z.string().nullable(),
  attempts: z.number().int().describe("failed attempts in a row (0 after a success)"),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe("when a failed part is retried"),
  appliedAt: z.string().nullable(),
});
export type RoutePartView = z.infer<typeof RoutePartViewSchema>;

export const PLAN_ACTIONS = ["create", "update", "delete", "unchanged", "apply", "skip", "blocked", "unknown"] as const;
export const RoutePartPlanSchema = z.object({
  part: RoutePartNameSchema,
  action: z.enum(PLAN_ACTIONS).describe("apply: will be applied (the provider could not be read to say more); skip: not needed or not configured; blocked: cannot be applied as configured (see reason)"),
  summary: z.string().describe("one line, e.g. `app.home.example A 192.168.1.10 in home.example at bind`"),
  reason: z.string().nullable().describe("why the part is skipped or blocked, and what to configure"),
  details: z.record(z.string(), z.string()).describe("what the part will write: zone, provider, record, upstream, tunnel, service…"),
  status: RoutePartViewSchema.nullable().describe("the part's last reconcile (saved routes only)"),
});
export type RoutePartPlan = z.infer<typeof RoutePartPlanSchema>;

export const RouteCheckPlanSchema = z.object({
  sourceKey: z.string(),
  name: z.string(),
  type: z.string(),
  url: z.string(),
  vantages: z.array(z.string()).describe("vantage selectors; [] = every vantage point"),
  expectation: z.enum(["reachable", "unreachable"]),
  verifies: z.string(),
});
export type RouteCheckPlan = z.infer<typeof RouteCheckPlanSchema>;

export const RoutePlanViewSchema = z.object({
  route: z.object({ id: z.string().nullable(), hostname: z.string(), exposure: ExposureSchema, target: z.string() }),
  parts: z.array(RoutePartPlanSchema),
  checks: z.array(RouteCheckPlanSchema),
});
export type RoutePlanView = z.infer<typeof RoutePlanViewSchema>;

/** POST /routes/plan: an unsaved route, as POST /routes takes it. */
export const RoutePlanRequestSchema = RouteCreateSchema;

export const VERDICT_STATUSES = ["pass", "fail", "pending", "not-applicable"] as const;
export const VerdictSchema = z.object({ status: z.enum(VERDICT_STATUSES), reason: z.string() });
export type Verdict = z.infer<typeof VerdictSchema>;

export const SideVantageSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.string().describe("up | down | unknown, as the check's state machine says (for an exposure check, up = unreachable as intended)"),
  errorClass: z.string().nullable(),
  message: z.string().nullable(),
  latencyMs: z.number().nullable(),
  fingerprint: z.string().nullable(),
  lastAt: z.string().nullable(),
});
export type SideVantage = z.infer<typeof SideVantageSchema>;

export const SideSchema = z.object({
  expectation: z.enum(["reachable", "unreachable", "not-checked"]).describe("what this side should see: the route answering, the route not answering (LAN-only seen from away), or nothing checked"),
  status: z.enum(["up", "down", "unknown"]).describe("up = this side is as intended"),
  vantages: z.array(SideVantageSchema),
});
export type Side = z.infer<typeof SideSchema>;

export const VerdictsSchema = z.object({ sameUrl: VerdictSchema, worksOffline: VerdictSchema, exposureMatchesIntent: VerdictSchema });
export type Verdicts = z.infer<typeof VerdictsSchema>;

export const RouteStatusViewSchema = z.object({
  parts: z.array(RoutePartViewSchema),
  verdicts: VerdictsSchema,
  sides: z.object({ lan: SideSchema, remote: SideSchema }),
});
export type RouteStatusView = z.infer<typeof RouteStatusViewSchema>;

export const RouteApplyResultSchema = z.object({ parts: z.array(RoutePartViewSchema) });
export type RouteApplyResult = z.infer<typeof RouteApplyResultSchema>;

export const RouteChecksRunSchema = z.object({
  checks: z.number().int().describe("route checks run"),
  vantages: z.array(z.object({ id: z.string(), name: z.string(), ran: z.boolean(), reason: z.string().nullable() })),
});
export type RouteChecksRun = z.infer<typeof RouteChecksRunSchema>;

export const DrillIssueSchema = z.object({ kind: z.string(), message: z.string() });
export type DrillIssue = z.infer<typeof DrillIssueSchema>;

export const DrillReportSchema = z.object({
  ranAt: z.string(),
  summary: z.object({
    routes: z.number().int(),
    routesSurviving: z.number().int(),
    services: z.number().int(),
    servicesAtRisk: z.number().int(),
    imagesMissing: z.number().int().describe("services whose image is not on their host"),
    imagesNeedInternet: z.number().int().describe("of those, the ones whose pull would need the internet (no LAN mirror or LAN registry for them)"),
    dnsIssues: z.number().int(),
  }),
  routes: z.array(
    z.object({
      id: z.string(),
      hostname: z.string(),
      exposure: ExposureSchema,
      survives: z.boolean().describe("Whether the LAN path keeps working with the internet gone"),
      issues: z.array(DrillIssueSchema),
      away: z.enum(["lost", "not-exposed"]).describe("Access from away: lost with the internet (tunnel + public DNS), or never offered"),
      awayNote: z.string(),
    }),
  ),
  services: z.array(z.object({ id: z.string(), name: z.string(), hostName: z.string().nullable(), atRisk: z.boolean(), imagePresent: z.enum(["yes", "no", "unknown"]), imagesMissing: z.number().int().describe("0 or 1: a service runs one image"), imagePull: z.enum(["mirror", "lan", "internet"]).nullable().describe("for a missing image, where its pull would come from"), issues: z.array(DrillIssueSchema) })),
  dns: z.object({ lanZones: z.array(z.string()), issues: z.array(DrillIssueSchema), notes: z.array(z.string()) }),
});
export type DrillReport = z.infer<typeof DrillReportSchema>;
