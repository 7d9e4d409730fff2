// Shapes of the check-in domain: the one-glance summary the phone page shows, and the bodies of
// its actions. Used by the API handlers, the OpenAPI document and the page (types via z.infer).
import { z } from "zod";

export const VerdictSchema = z.enum(["fine", "attention", "trouble"]).describe("fine: nothing to look at; attention: something to look at when convenient; trouble: something is failing now");
export type Verdict = z.infer<typeof VerdictSchema>;

export const SideStatusSchema = z.enum(["ok", "fails", "unknown", "not-checked"]).describe("one side of a route: fails when a fresh probe from that side fails; not-checked when no vantage point of that kind probes it");
export type SideStatus = z.infer<typeof SideStatusSchema>;

const VantageRefSchema = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const CheckInIncidentSchema = z.object({
  id: z.string(),
  checkId: z.string(),
  checkName: z.string(),
  checkType: z.string(),
  routeId: z.string().nullable().describe("the route whose automatic check this is"),
  kind: z.enum(["down", "degraded"]),
  startedAt: z.string(),
  vantages: z.array(VantageRefSchema).describe("vantage points that saw the failure"),
  errorClass: z.string().nullable(),
  message: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type CheckInIncident = z.infer<typeof CheckInIncidentSchema>;

export const CheckInRouteSchema = z.object({
  routeId: z.string(),
  hostname: z.string(),
  checkId: z.string(),
  lan: SideStatusSchema,
  remote: SideStatusSchema,
  message: z.string().nullable().describe("the latest failure's error, from a failing side"),
  since: z.string().nullable().describe("when the check's status last changed"),
  incidentId: z.string().nullable().describe("the open incident of the route's check, if any (then it is counted there)"),
});
export type CheckInRoute = z.infer<typeof CheckInRouteSchema>;

export const CheckInHostSchema = z.object({ hostId: z.string(), name: z.string(), lastSeenAt: z.string().nullable() });
export type CheckInHost = z.infer<typeof CheckInHostSchema>;

export const CheckInServiceSchema = z.object({
  serviceId: z.string(),
  name: z.string(),
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  hostOnline: z.boolean().describe("false: the host's agent is gone, so the state shown is the last one observed"),
  state: z.string().describe("the container's state (exited, dead, …), 'running' when only unhealthy, or 'missing' when the container is gone"),
  status: z.string().nullable(),
  health: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  observedAt: z.string().nullable(),
});
export type CheckInService = z.infer<typeof CheckInServiceSchema>;

export const CheckInDeploySchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  status: z.string(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});
export const CheckInChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
});

export const CheckInSummarySchema = z.object({
  generatedAt: z.string(),
  verdict: VerdictSchema,
  headline: z.string().describe("'All good' or 'N things need attention'"),
  needsAttention: z.number().int().describe("items counted in the headline (acknowledged incidents and routes already shown as an incident are not)"),
  incidents: z.array(CheckInIncidentSchema).describe("open incidents: unacknowledged first, down before degraded, newest first"),
  routes: z.array(CheckInRouteSchema).describe("routes whose LAN or remote side fails"),
  hosts: z.array(CheckInHostSchema).describe("enrolled hosts whose agent is not connected (unknown, never 'down')"),
  services: z.array(CheckInServiceSchema).describe("placed services whose container is not running, is unhealthy or is gone"),
  since: z.object({
    from: z.string().nullable().describe("the check-in these changes are counted from; null on a first check-in"),
    windowStart: z.string().describe("start of the window (from, or 24 h ago on a first check-in)"),
    deploys: z.array(CheckInDeploySchema),
    deployCount: z.number().int(),
    changes: z.array(CheckInChangeSchema).describe("audit events, newest first (sign-ins and sign-outs left out)"),
    changeCount: z.number().int(),
  }),
  lastCheckInAt: z.string().nullable().describe("the user's stored last check-in"),
});
export type CheckInSummary = z.infer<typeof CheckInSummarySchema>;

export const CheckInQuerySchema = z.object({
  since: z.iso.datetime({ offset: true }).optional().describe("count changes from this time instead of the stored last check-in (the page passes the value it opened with, so its list does not empty itself once it records the visit)"),
});

export const SeenBodySchema = z
  .object({ seenAt: z.iso.datetime({ offset: true }).describe("generatedAt of the summary the user looked at; clamped to now") })
  .strict();

export const SeenResultSchema = z.object({ lastCheckInAt: z.string(), previous: z.string().nullable() });

export const AcknowledgeBodySchema = z.object({ note: z.string().trim().max(500).optional().describe("kept in the audit event") }).strict();

export const AcknowledgeResultSchema = z.object({
  id: z.string(),
  acknowledgedAt: z.string(),
  acknowledgedBy: z.string(),
  already: z.boolean().describe("true when the incident had been acknowledged before (nothing changed)"),
});
export type AcknowledgeResult = z.infer<typeof AcknowledgeResultSchema>;
