// Cloudflare Tunnel. Remote mode: the tunnel configuration endpoint of Cloudflare's API
// (GET/PUT /accounts/{account_id}/cfd_tunnel/{tunnel_id}/configurations), a whole-document PUT
// whose ingress list must end with a catch-all. Local mode: cloudflared's config.yml.
import { z } from "zod";
import {
  CLOUDFLARED_CATCH_ALL,
  CLOUDFLARED_CONFIG_DIR,
  CLOUDFLARED_CONFIG_PATH,
  renderCloudflaredConfig,
  validateCloudflaredIngress,
} from "../cloudflared-config";
import { TunnelAuthError, TunnelError, TunnelNotFoundError, TunnelRateLimitedError, TunnelRejectedError, TunnelUnreachableError } from "../errors";
import { TUNNEL_KIND_RULES } from "../schemas";
import type { IngressRule, TunnelProvider, TunnelTarget } from "../types";

export const CLOUDFLARE_API_BASE = "https://api.cloudflare.com/client/v4";
export const CLOUDFLARE_TIMEOUT_MS = 15_000;
/** Cloudflare's error code for a refused token ("Authentication error"). */
export const CF_AUTH_ERROR_CODES = new Set([10000, 10001, 9109]);
/** The suffix every tunnel's public CNAME target ends with. */
export const CFARGOTUNNEL_SUFFIX = "cfargotunnel.com";
export const CLOUDFLARED_CREDENTIALS_PATH = `${CLOUDFLARED_CONFIG_DIR}/credentials.json`;

const MessageSchema = z.object({ code: z.number().optional(), message: z.string() }).passthrough();
/** Cloudflare's v4 response envelope. */
const EnvelopeSchema = z.object({
  success: z.boolean(),
  errors: z.array(MessageSchema).default([]),
  messages: z.array(MessageSchema).default([]),
  result: z.unknown(),
});

const RuleSchema = z.object({
  hostname: z.string().optional(),
  path: z.string().optional(),
  service: z.string(),
  originRequest: z.record(z.string(), z.unknown()).optional(),
});
const ConfigurationSchema = z.object({
  tunnel_id: z.string().optional(),
  version: z.number().optional(),
  config: z.object({ ingress: z.array(RuleSchema).optional() }).passthrough().nullable().optional(),
});

function requireAccount(t: TunnelTarget): string {
  if (!t.accountId) throw new TunnelError("invalid", "A Cloudflare account id is needed for a remotely managed tunnel");
  return t.accountId;
}

const messagesOf = (errors: { code?: number; message: string }[]) => errors.map((e) => (e.code ? `${e.message} (code ${e.code})` : e.message)).join("; ");

async function cloudflareCall(t: TunnelTarget, method: "GET" | "PUT", path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const base = (t.apiBaseUrl ?? CLOUDFLARE_API_BASE).replace(/\/+$/, "");
  let res: Response;
  try {
    res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${t.credentials}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(CLOUDFLARE_TIMEOUT_MS)]) : AbortSignal.timeout(CLOUDFLARE_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    throw new TunnelUnreachableError(cause?.code ?? (err as Error).message);
  }
  if (res.status === 429) {
    const retry = Number(res.headers.get("retry-after"));
    throw new TunnelRateLimitedError(Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  const text = await res.text();
  let envelope: z.infer<typeof EnvelopeSchema>;
  try {
    envelope = EnvelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new TunnelRejectedError(`unexpected answer: ${text.slice(0, 200)}`, res.status);
  }
  if (envelope.success && res.ok) return envelope.result;
  const message = messagesOf(envelope.errors) || `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403 || envelope.errors.some((e) => e.code !== undefined && CF_AUTH_ERROR_CODES.has(e.code))) throw new TunnelAuthError(message);
  if (res.status === 404) throw new TunnelNotFoundError(message);
  throw new TunnelRejectedError(message, res.status);
}

const configurationsPath = (t: TunnelTarget) => `/accounts/${encodeURIComponent(requireAccount(t))}/cfd_tunnel/${encodeURIComponent(t.externalId)}/configurations`;

export const cloudflareTunnel: TunnelProvider = {
  kind: "cloudflare",
  label: TUNNEL_KIND_RULES.cloudflare.label,
  modes: TUNNEL_KIND_RULES.cloudflare.modes,
  catchAll: CLOUDFLARED_CATCH_ALL,

  async readIngress(t, signal) {
    const result = ConfigurationSchema.parse(await cloudflareCall(t, "GET", configurationsPath(t), undefined, signal) ?? {});
    return (result.config?.ingress ?? []) as IngressRule[];
  },

  async writeIngress(t, rules, signal) {
    const errors = validateCloudflaredIngress(rules);
    if (errors.length > 0) throw new TunnelRejectedError(errors.join("; "), 400);
    // The PUT replaces the whole document: keep the user's other settings (warp-routing,
    // top-level originRequest) and replace only the ingress list.
    const current = ConfigurationSchema.parse((await cloudflareCall(t, "GET", configurationsPath(t), undefined, signal)) ?? {});
    await cloudflareCall(t, "PUT", configurationsPath(t), { config: { ...(current.config ?? {}), ingress: rules } }, signal);
  },

  renderLocalConfig(t, rules) {
    return { path: CLOUDFLARED_CONFIG_PATH, content: renderCloudflaredConfig({ tunnelId: t.externalId, credentialsFile: CLOUDFLARED_CREDENTIALS_PATH, rules }) };
  },

  validateIngress: validateCloudflaredIngress,

  publicRecord(t, hostname) {
    return { name: hostname, type: "CNAME", content: `${t.externalId}.${CFARGOTUNNEL_SUFFIX}`, proxied: true };
  },
};
