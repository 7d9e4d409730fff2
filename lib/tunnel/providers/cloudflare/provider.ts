// Cloudflare Tunnel. Remote mode: the tunnel configuration endpoint of Cloudflare's API
// (GET/PUT /accounts/{account_id}/cfd_tunnel/{tunnel_id}/configurations), a whole-document PUT
// whose ingress list must end with a catch-all. Local mode: cloudflared's config.yml, deployed
// with the credentials file as a cloudflared container through the host's agent.
import { z } from "zod";
import { boundedRequest, BoundedRequestError, formatBytes, formatDuration, MIB, type BoundedResponse } from "@/lib/net/bounded-request";
import {
  CLOUDFLARED_CATCH_ALL,
  CLOUDFLARED_CONFIG_PATH,
  CLOUDFLARED_CREDENTIALS_PATH,
  renderCloudflaredConfig,
  validateCloudflaredIngress,
} from "../../cloudflared-config";
import { cloudflaredContainerSpec, deployCloudflaredViaAgent, tunnelStatusOfDeploy } from "../../cloudflared-deploy";
import { TunnelAuthError, TunnelError, TunnelNotFoundError, TunnelRateLimitedError, TunnelRejectedError, TunnelUnreachableError } from "../../errors";
import type { IngressRule, TunnelProvider, TunnelTarget } from "../../types";
import { cloudflareTunnelDescriptor } from "./descriptor";

export { CLOUDFLARED_CREDENTIALS_PATH };

export const CLOUDFLARE_API_BASE = "https://api.cloudflare.com/client/v4";
/** One API call, connect to last byte. */
export const CLOUDFLARE_TIMEOUT_MS = 15_000;
/** A tunnel's configuration document (ingress rules, origin settings) is small; this is generous. */
export const CLOUDFLARE_MAX_RESPONSE_BYTES = 4 * MIB;
/** Cloudflare's error code for a refused token ("Authentication error"). */
export const CF_AUTH_ERROR_CODES = new Set([10000, 10001, 9109]);
/** The suffix every tunnel's public CNAME target ends with. */
export const CFARGOTUNNEL_SUFFIX = "cfargotunnel.com";

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

/** The configuration document checked against its schema; a wrong shape is a typed rejection, not a ZodError. */
function parseConfiguration(result: unknown): z.infer<typeof ConfigurationSchema> {
  const r = ConfigurationSchema.safeParse(result ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new TunnelRejectedError(`the tunnel configuration is not in the expected shape (${issue?.path.join(".") || "result"}: ${issue?.message ?? "unexpected"})`, 200);
}

function requireAccount(t: TunnelTarget): string {
  if (!t.accountId) throw new TunnelError("invalid", "A Cloudflare account id is needed for a remotely managed tunnel");
  return t.accountId;
}

const messagesOf = (errors: { code?: number; message: string }[]) => errors.map((e) => (e.code ? `${e.message} (code ${e.code})` : e.message)).join("; ");

async function cloudflareCall(t: TunnelTarget, method: "GET" | "PUT", path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const base = (t.apiBaseUrl ?? CLOUDFLARE_API_BASE).replace(/\/+$/, "");
  let res: BoundedResponse;
  try {
    res = await boundedRequest(base + path, {
      method,
      headers: { authorization: `Bearer ${t.credentials}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      deadlineMs: CLOUDFLARE_TIMEOUT_MS,
      maxBytes: CLOUDFLARE_MAX_RESPONSE_BYTES,
    });
  } catch (err) {
    if (!(err instanceof BoundedRequestError)) throw new TunnelUnreachableError(err instanceof Error ? err.message : String(err));
    if (err.kind === "too_large") throw new TunnelRejectedError(`answer larger than ${formatBytes(CLOUDFLARE_MAX_RESPONSE_BYTES)}, more than a tunnel configuration needs`, err.status ?? 0);
    if (err.kind === "timeout") throw new TunnelUnreachableError(`no complete answer within ${formatDuration(CLOUDFLARE_TIMEOUT_MS)}`);
    if (err.kind === "aborted") throw new TunnelUnreachableError("the request was cancelled");
    throw new TunnelUnreachableError(err.code ?? err.message);
  }
  if (res.status === 429) {
    const retry = Number(res.headers.get("retry-after"));
    throw new TunnelRateLimitedError(Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  const text = res.text();
  let envelope: z.infer<typeof EnvelopeSchema>;
  try {
    envelope = EnvelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new TunnelRejectedError(`unexpected answer: ${text.slice(0, 200)}`, res.status);
  }
  const ok = res.status >= 200 && res.status < 300;
  if (envelope.success && ok) return envelope.result;
  const message = messagesOf(envelope.errors) || `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403 || envelope.errors.some((e) => e.code !== undefined && CF_AUTH_ERROR_CODES.has(e.code))) throw new TunnelAuthError(message);
  if (res.status === 404) throw new TunnelNotFoundError(message);
  throw new TunnelRejectedError(message, res.status);
}

const configurationsPath = (t: TunnelTarget) => `/accounts/${encodeURIComponent(requireAccount(t))}/cfd_tunnel/${encodeURIComponent(t.externalId)}/configurations`;

export const cloudflareTunnel: TunnelProvider = {
  ...cloudflareTunnelDescriptor,
  catchAll: CLOUDFLARED_CATCH_ALL,

  async readIngress(t, signal) {
    const result = parseConfiguration(await cloudflareCall(t, "GET", configurationsPath(t), undefined, signal));
    return (result.config?.ingress ?? []) as IngressRule[];
  },

  async writeIngress(t, rules, signal) {
    const errors = validateCloudflaredIngress(rules);
    if (errors.length > 0) throw new TunnelRejectedError(errors.join("; "), 400);
    // The PUT replaces the whole document: keep the user's other settings (warp-routing,
    // top-level originRequest) and replace only the ingress list.
    const current = parseConfiguration(await cloudflareCall(t, "GET", configurationsPath(t), undefined, signal));
    await cloudflareCall(t, "PUT", configurationsPath(t), { config: { ...(current.config ?? {}), ingress: rules } }, signal);
  },

  local: {
    renderConfig(t, rules) {
      return { path: CLOUDFLARED_CONFIG_PATH, content: renderCloudflaredConfig({ tunnelId: t.externalId, credentialsFile: CLOUDFLARED_CREDENTIALS_PATH, rules }) };
    },
    deploy({ db, tunnel, target, config, rootCaPem, actor, meta, options }) {
      const spec = cloudflaredContainerSpec({ tunnelName: tunnel.name, configYaml: config.content, credentialsJson: target.credentials, rootCaPem });
      return deployCloudflaredViaAgent(db, { id: tunnel.id, hostId: tunnel.hostId }, spec, actor, meta, options);
    },
    statusOf: tunnelStatusOfDeploy,
  },

  validateIngress: validateCloudflaredIngress,

  publicRecord(t, hostname) {
    return { name: hostname, type: "CNAME", content: `${t.externalId}.${CFARGOTUNNEL_SUFFIX}`, proxied: true };
  },
};
