// zod schemas of the tunnel API. Credentials are accepted on write and never part of a view.
import { z } from "zod";
import { TUNNEL_CATALOG, TUNNEL_KINDS, type TunnelKind } from "./catalog";
import { fieldInMode, type TunnelFieldIssue, type TunnelFormField, type TunnelTargetFields } from "./descriptor";
import { TUNNEL_MODES } from "./types";

/** What a field means for each kind (and mode), from the catalog: the API document's description. */
function perKind(key: TunnelFormField, unused: string): string {
  return TUNNEL_KINDS.map((k) => {
    const d = TUNNEL_CATALOG[k];
    const spec = d.fields.find((f) => f.key === key);
    if (!spec) return `${k}: ${unused}`;
    const inModes = d.modes.map((m) => ({ m, f: fieldInMode(spec, m) }));
    const text = (f: { label: string; help?: string }) => (f.help ? `${f.label} (${f.help})` : f.label);
    const same = inModes.every((x) => x.f.label === inModes[0]!.f.label && x.f.required === inModes[0]!.f.required);
    if (same) return `${k}: ${text(inModes[0]!.f)}${inModes[0]!.f.required ? "" : ", optional"}`;
    return inModes.map((x) => `${k} ${x.m}: ${text(x.f)}${x.f.required ? "" : ", optional"}`).join("; ");
  }).join("; ");
}

const tunnelFields = {
  name: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and -"),
  kind: z.enum(TUNNEL_KINDS).describe(TUNNEL_KINDS.map((k) => `${k}: ${TUNNEL_CATALOG[k].label} (${TUNNEL_CATALOG[k].modes.join(" or ")} mode)`).join("; ")),
  mode: z.enum(TUNNEL_MODES).describe("remote: rules kept at the provider through its API (Cloudflare's API, the edge's admin API); local: a generated cloudflared config.yml"),
  accountId: z.string().trim().regex(/^[0-9a-f]{32}$/i, "a 32-character Cloudflare account id").nullable().describe(perKind("accountId", "unused")),
  externalId: z.string().trim().min(1).max(253).describe(perKind("externalId", "unused")),
  credentials: z.string().max(8192).describe(perKind("credentials", "unused, empty")),
  originUrl: z.string().trim().url().refine((u) => /^https?:\/\/[^/]+\/?$/.test(u), "scheme, host and port only, e.g. https://192.168.1.10:443")
    .transform((u) => u.replace(/\/$/, ""))
    .describe("The LAN reverse proxy as the tunnel connector (or the edge) reaches it"),
  apiBaseUrl: z.string().trim().url().refine((u) => /^https?:\/\//i.test(u), "an http:// or https:// URL").nullable().describe(perKind("apiBaseUrl", "an override of the provider's API address (tests)")),
  hostId: z.string().min(1).max(64).nullable().describe("Host whose agent runs cloudflared (local mode)"),
};

export type { TunnelTargetFields, TunnelFieldIssue } from "./descriptor";

/** Field problems of a tunnel of `kind`: the mode it supports and its kind's own rules (lib/tunnel/catalog.ts). */
export function tunnelFieldIssues(kind: TunnelKind, t: TunnelTargetFields): TunnelFieldIssue[] {
  const d = TUNNEL_CATALOG[kind];
  const modeIssue = d.modes.some((m) => m === t.mode) ? [] : [{ path: "mode" as const, message: `a ${kind} tunnel supports ${d.modes.join(" or ")} mode only` }];
  return [...modeIssue, ...d.check(t)];
}

/** The stored fields that decide where a tunnel's credentials go (an API, an account, a host's agent). */
export const TUNNEL_ENDPOINT_FIELDS = ["mode", "apiBaseUrl", "accountId", "hostId"] as const;
export type TunnelEndpointField = (typeof TUNNEL_ENDPOINT_FIELDS)[number];
type EndpointValues = Record<TunnelEndpointField, string | null>;

/**
 * The endpoint fields an update changes: where the stored credentials would go next. The host
 * only counts in local mode, where the credentials file is handed to that host's agent.
 */
export function movedTunnelFields(current: EndpointValues, next: Partial<Record<TunnelEndpointField, string | null | undefined>>): TunnelEndpointField[] {
  const norm = (v: string | null | undefined) => (v ?? "").trim().replace(/\/+$/, "");
  const mode = next.mode ?? current.mode;
  return TUNNEL_ENDPOINT_FIELDS.filter((f) => next[f] !== undefined && norm(next[f]) !== norm(current[f]) && (f !== "hostId" || mode === "local"));
}

export const TunnelCreateSchema = z
  .object({ ...tunnelFields, accountId: tunnelFields.accountId.default(null), apiBaseUrl: tunnelFields.apiBaseUrl.default(null), hostId: tunnelFields.hostId.default(null), credentials: tunnelFields.credentials.default("") })
  .strict()
  .superRefine((t, ctx) => {
    for (const i of tunnelFieldIssues(t.kind, t)) ctx.addIssue({ code: "custom", path: [i.path], message: i.message });
  });
export type TunnelCreateInput = z.infer<typeof TunnelCreateSchema>;

export const TunnelUpdateSchema = z
  .object(tunnelFields)
  .omit({ kind: true })
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, "nothing to change");
export type TunnelUpdateInput = z.infer<typeof TunnelUpdateSchema>;

export const TunnelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TUNNEL_KINDS),
  mode: z.enum(TUNNEL_MODES),
  accountId: z.string().nullable(),
  externalId: z.string(),
  originUrl: z.string(),
  apiBaseUrl: z.string().nullable(),
  hostId: z.string().nullable(),
  hasCredentials: z.boolean(),
  status: z.string(),
  statusDetail: z.string().nullable(),
  checkedAt: z.string().nullable(),
  lastAppliedAt: z.string().nullable(),
});
export type TunnelView = z.infer<typeof TunnelSchema>;

export const TunnelRuleStatusSchema = z.object({
  routeId: z.string(),
  hostname: z.string(),
  tunnelId: z.string(),
  status: z.enum(["ok", "missing", "drifted", "unknown", "error"]),
  detail: z.string().nullable(),
});
export type TunnelRuleStatus = z.infer<typeof TunnelRuleStatusSchema>;

// ── responses of plan, apply and dns-records (the OpenAPI document; lib/tunnel/openapi.ts checks
// at compile time that the service's return types fit them) ──

const PlanStatusSchema = z.object({ status: z.string(), detail: z.string().nullable() });

/** One cloudflared ingress rule (see `IngressRule` in ./types). */
export const TunnelIngressRuleSchema = z.object({
  hostname: z.string().optional(),
  path: z.string().optional(),
  service: z.string(),
  originRequest: z.object({
    originServerName: z.string().optional(),
    httpHostHeader: z.string().optional(),
    noTLSVerify: z.boolean().optional(),
    caPool: z.string().optional(),
    connectTimeout: z.union([z.number(), z.string()]).optional(),
  }).optional(),
});

export const TunnelRuleChangeSchema = z.object({
  action: z.enum(["create", "update", "delete"]),
  hostname: z.string(),
  routeId: z.string().optional(),
  summary: z.string(),
});

export const PublicDnsRecordSchema = z.object({ name: z.string(), type: z.literal("CNAME"), content: z.string(), proxied: z.boolean() });

export const TunnelPlanViewSchema = z.object({
  tunnel: TunnelSchema,
  status: PlanStatusSchema,
  changes: z.array(TunnelRuleChangeSchema),
  rules: z.array(TunnelIngressRuleSchema).describe("The full ingress list that applying writes (remote) or renders (local)"),
  needsWrite: z.boolean(),
  configYaml: z.string().nullable().describe("Local mode: the generated config.yml (names the credentials file, holds no secret)"),
  validationErrors: z.array(z.string()),
  publicRecords: z.array(PublicDnsRecordSchema),
});

export const TunnelApplyResultSchema = z.object({
  status: PlanStatusSchema,
  changes: z.array(TunnelRuleChangeSchema),
  handOff: z.object({
    status: z.enum(["deployed", "unchanged", "no_host", "agent_unavailable", "failed"])
      .describe("deployed: (re)started with new files; unchanged: already running this config"),
    message: z.string(),
    hostId: z.string().nullable(),
    containerId: z.string().nullable(),
    configHash: z.string().describe("SHA-256 over the files' names and contents; same hash, same running config"),
    spec: z.object({
      name: z.string(),
      image: z.string(),
      command: z.array(z.string()),
      volumes: z.array(z.object({ source: z.string().nullable().describe("host path the agent wrote"), target: z.string(), readOnly: z.boolean() })),
      restartPolicy: z.literal("unless-stopped"),
      files: z.array(z.string()).describe("Names below the agent's managed directory (contents are never returned)"),
    }),
  }).nullable().describe("Local mode: the cloudflared container deployed through the host's agent"),
});
