// Registry client for the update check: asks a registry (Distribution API v2) what digest a tag
// points to now, without pulling — HEAD on the manifest, GET only to learn the new image's age —
// with the anonymous bearer-token flow, Docker's TLS trust (system roots plus
// /etc/docker/certs.d/<host:port>/ca.crt), plain http only for loopback registries, a deadline
// and a size cap on every answer. Failures are a RegistryError with one of four classes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import tls from "node:tls";
import { z } from "zod";
import { BoundedRequestError, boundedRequest, KIB, MIB, type BoundedResponse } from "@/lib/net/bounded-request";
import { DIGEST_RE, DOCKER_HUB, DOCKER_HUB_API, type ImageRef } from "@/lib/protocol/image-digest";

export const REGISTRY_REQUEST_DEADLINE_MS = 15_000;
export const MAX_MANIFEST_BYTES = 4 * MIB;
export const MAX_CONFIG_BYTES = 4 * MIB;
export const MAX_TOKEN_BYTES = 64 * KIB;
export const MAX_REDIRECTS = 3;
export const DOCKER_CERTS_DIR = "/etc/docker/certs.d";
const SYSTEM_CA_BUNDLES = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"];

export const MANIFEST_TYPES = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
} as const;
const ACCEPT = Object.values(MANIFEST_TYPES).join(", ");

export type RegistryErrorClass = "unreachable" | "unauthorized" | "not_found" | "error";

export class RegistryError extends Error {
  constructor(readonly errorClass: RegistryErrorClass, message: string) {
    super(message);
    this.name = "RegistryError";
  }
}

export interface TagState {
  /** The digest the tag points to now (the index's, for a multi-platform image). */
  digest: string;
  /** When that image was built (its config's `created`); null when unknown or not asked. */
  createdAt: Date | null;
}

export interface RegistryOptions {
  /** Where Docker's per-registry CAs live (tests point it elsewhere). */
  certsDir?: string;
  /** The platform whose image's age counts: Docker's architecture name (amd64, arm64 …). */
  arch?: string;
  deadlineMs?: number;
  /** What was known about the tag; when the digest has not moved, its age is not fetched again. */
  known?: { digest: string | null; createdAt: Date | null } | null;
}

const PlatformManifest = z.object({
  digest: z.string().regex(DIGEST_RE),
  mediaType: z.string().optional(),
  platform: z.object({ os: z.string(), architecture: z.string(), variant: z.string().optional() }).partial().optional(),
});
const ManifestSchema = z.object({
  mediaType: z.string().optional(),
  manifests: z.array(PlatformManifest).max(256).optional(),
  config: z.object({ digest: z.string().regex(DIGEST_RE) }).optional(),
});
const ConfigSchema = z.object({ created: z.string().optional() });
const TokenSchema = z.object({ token: z.string().optional(), access_token: z.string().optional() });

/** Docker's architecture name for Node's (or `uname -m`'s). */
export function dockerArch(arch: string): string {
  return ({ x64: "amd64", x86_64: "amd64", arm64: "arm64", aarch64: "arm64", arm: "arm", ia32: "386", s390x: "s390x", ppc64: "ppc64le" } as Record<string, string>)[arch] ?? arch;
}

const isLoopback = (host: string) => /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(host);

/**
 * The certificates Docker would trust for this registry: the usual roots, plus certs.d/<host>/ca.crt
 * when there is one. Without a private CA, undefined: Node's own roots (Mozilla's list, as the
 * system's ca-certificates, plus NODE_EXTRA_CA_CERTS) in its shared context, which costs nothing per
 * request; with one, the roots and the system bundle are spelled out beside it.
 */
function trustFor(registry: string, certsDir: string): string[] | undefined {
  let privateCa: string;
  try {
    privateCa = readFileSync(path.join(certsDir, registry, "ca.crt"), "utf8");
  } catch {
    return undefined; // no private CA for this registry
  }
  const roots = [...tls.rootCertificates];
  for (const f of SYSTEM_CA_BUNDLES) {
    try { roots.push(readFileSync(f, "utf8")); break; } catch { /* not on this system */ }
  }
  return [...roots, privateCa];
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters; null for another scheme. */
export function parseBearerChallenge(header: string | null): Record<string, string> | null {
  if (!header || !/^\s*bearer\s/i.test(header)) return null;
  const params: Record<string, string> = {};
  for (const m of header.replace(/^\s*bearer\s+/i, "").matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[m[1]!.toLowerCase()] = m[2]!;
  return params.realm ? params : null;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "name not found",
  EAI_AGAIN: "name lookup failed",
  ENETUNREACH: "no route to the network",
  EHOSTUNREACH: "no route to the host",
  ETIMEDOUT: "connection timed out",
};

/** A network failure in a few words: "connection refused", "no answer within 15 s", "TLS: …". */
function networkReason(err: unknown): string {
  if (err instanceof BoundedRequestError) {
    if (err.kind === "timeout") return err.message;
    if (err.code && NETWORK_WORDS[err.code]) return NETWORK_WORDS[err.code]!;
    if (err.code && /CERT|SSL|TLS|SELF_SIGNED|EPROTO/i.test(err.code)) return `TLS: ${err.message.replace(/^[A-Z_]+: /, "")}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Loopback registries found to speak plain http, so later checks skip the https attempt. */
const plainHttpLoopback = new Set<string>();

class Session {
  private token: string | null = null;
  private readonly ca: string[] | undefined;
  private readonly deadlineMs: number;
  private base: string;

  constructor(private readonly ref: ImageRef, opts: RegistryOptions) {
    this.ca = trustFor(ref.registry, opts.certsDir ?? DOCKER_CERTS_DIR);
    this.deadlineMs = opts.deadlineMs ?? REGISTRY_REQUEST_DEADLINE_MS;
    this.base = plainHttpLoopback.has(ref.registry) ? `http://${ref.registry}` : `https://${ref.registry === DOCKER_HUB ? DOCKER_HUB_API : ref.registry}`;
  }

  private async send(url: URL, method: string, accept: string | null, maxBytes: number, auth: boolean): Promise<BoundedResponse> {
    const headers: Record<string, string> = { "user-agent": "Homeport update check" };
    if (accept) headers.accept = accept;
    if (auth && this.token) headers.authorization = `Bearer ${this.token}`;
    try {
      return await boundedRequest(url, { method, headers, deadlineMs: this.deadlineMs, maxBytes, ...(this.ca && { ca: this.ca }) });
    } catch (err) {
      if (err instanceof BoundedRequestError && err.kind === "too_large") throw new RegistryError("error", `${url.host} answered more than the ${maxBytes >= MIB ? `${maxBytes / MIB} MiB` : `${maxBytes / KIB} KiB`} allowed`);
      throw new RegistryError("unreachable", `${url.host} could not be reached (${networkReason(err)})`);
    }
  }

  /** One API request: the bearer flow on a 401, redirects followed (without the token once the host changes). */
  async request(apiPath: string, method: "HEAD" | "GET", accept: string | null, maxBytes: number): Promise<BoundedResponse> {
    let url = new URL(`${this.base}/v2/${this.ref.repository}/${apiPath}`);
    let res: BoundedResponse;
    try {
      res = await this.send(url, method, accept, maxBytes, true);
    } catch (err) {
      // Docker reaches a loopback registry over plain http when https fails.
      if (!(err instanceof RegistryError) || err.errorClass !== "unreachable" || !isLoopback(url.hostname) || url.protocol !== "https:") throw err;
      this.base = `http://${this.ref.registry}`;
      url = new URL(`${this.base}/v2/${this.ref.repository}/${apiPath}`);
      res = await this.send(url, method, accept, maxBytes, true);
      plainHttpLoopback.add(this.ref.registry);
    }
    if (res.status === 401 && !this.token) {
      await this.authenticate(res.headers.get("www-authenticate"));
      res = await this.send(url, method, accept, maxBytes, true);
    }
    for (let i = 0; i < MAX_REDIRECTS && [301, 302, 303, 307, 308].includes(res.status); i++) {
      const next = new URL(res.headers.get("location") ?? "", url);
      if (next.protocol !== "https:" && !(next.protocol === "http:" && isLoopback(next.hostname))) throw new RegistryError("error", `${url.host} redirected to ${next.protocol} (refused)`);
      const sameHost = next.host === url.host;
      url = next;
      res = await this.send(url, method, accept, maxBytes, sameHost);
    }
    if (res.status === 401 || res.status === 403) throw new RegistryError("unauthorized", `${this.ref.registry} refused anonymous access to ${this.ref.repository} (HTTP ${res.status})`);
    if (res.status === 404) throw new RegistryError("not_found", `${this.ref.registry} has no ${this.ref.repository}:${this.ref.tag ?? "latest"} (HTTP 404)`);
    if (res.status < 200 || res.status >= 300) throw new RegistryError("error", `${this.ref.registry} answered HTTP ${res.status}`);
    return res;
  }

  /** The anonymous token flow: GET realm?service=…&scope=repository:<repo>:pull. */
  private async authenticate(challenge: string | null): Promise<void> {
    const c = parseBearerChallenge(challenge);
    if (!c) throw new RegistryError("unauthorized", `${this.ref.registry} asks for credentials Homeport does not have`);
    const realm = new URL(c.realm!);
    if (realm.protocol !== "https:" && !(realm.protocol === "http:" && isLoopback(realm.hostname))) throw new RegistryError("error", `the token service ${realm.host} is not https (refused)`);
    if (c.service) realm.searchParams.set("service", c.service);
    realm.searchParams.set("scope", c.scope ?? `repository:${this.ref.repository}:pull`);
    const res = await this.send(realm, "GET", "application/json", MAX_TOKEN_BYTES, false);
    if (res.status === 401 || res.status === 403) throw new RegistryError("unauthorized", `${realm.host} gives no anonymous token for ${this.ref.repository} (HTTP ${res.status})`);
    if (res.status !== 200) throw new RegistryError("error", `the token service ${realm.host} answered HTTP ${res.status}`);
    const body = TokenSchema.safeParse(safeJson(res.text()));
    const token = body.success ? (body.data.token ?? body.data.access_token) : undefined;
    if (!token) throw new RegistryError("error", `the token service ${realm.host} answered without a token`);
    this.token = token;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseManifest(res: BoundedResponse, what: string): z.infer<typeof ManifestSchema> {
  const m = ManifestSchema.safeParse(safeJson(res.text()));
  if (!m.success) throw new RegistryError("error", `${what} is not a manifest Homeport reads`);
  return m.data;
}

/** The digest an answer names: Docker-Content-Digest, else the sha256 of the body (GET only). */
function digestOf(res: BoundedResponse): string | null {
  const header = res.headers.get("docker-content-digest");
  if (header && DIGEST_RE.test(header)) return header;
  return res.body.length > 0 ? `sha256:${createHash("sha256").update(res.body).digest("hex")}` : null;
}

/** In an index, the manifest of linux/<arch>, else linux/amd64, else the first real image (attestations skipped). */
export function pickPlatform(manifests: z.infer<typeof PlatformManifest>[], arch: string): string | null {
  const real = manifests.filter((m) => m.platform?.os !== "unknown");
  const on = (a: string) => real.find((m) => (m.platform?.os ?? "linux") === "linux" && m.platform?.architecture === a);
  return (on(arch) ?? on("amd64") ?? real[0])?.digest ?? null;
}

/**
 * What the tag points to now. HEAD first (the digest); when it moved (or its age is unknown), GET
 * the manifest, follow an index to the platform's manifest, and read the config's `created`.
 */
export async function checkTag(ref: ImageRef, opts: RegistryOptions = {}): Promise<TagState> {
  if (ref.digest) throw new RegistryError("error", "pinned to a digest; never checked");
  const tag = ref.tag ?? "latest";
  const s = new Session(ref, opts);
  const head = await s.request(`manifests/${encodeURIComponent(tag)}`, "HEAD", ACCEPT, MAX_MANIFEST_BYTES);
  let digest = digestOf(head);
  if (digest && opts.known?.digest === digest && opts.known.createdAt) return { digest, createdAt: opts.known.createdAt };
  const res = await s.request(`manifests/${encodeURIComponent(tag)}`, "GET", ACCEPT, MAX_MANIFEST_BYTES);
  digest = digest ?? digestOf(res);
  if (!digest) throw new RegistryError("error", `${ref.registry} named no digest for ${ref.repository}:${tag}`);
  let manifest = parseManifest(res, `${ref.repository}:${tag}`);
  if (manifest.manifests) {
    const pick = pickPlatform(manifest.manifests, opts.arch ?? dockerArch(process.arch));
    if (!pick) return { digest, createdAt: null };
    manifest = parseManifest(await s.request(`manifests/${pick}`, "GET", ACCEPT, MAX_MANIFEST_BYTES), `${ref.repository}@${pick}`);
  }
  if (!manifest.config) return { digest, createdAt: null };
  const config = ConfigSchema.safeParse(safeJson((await s.request(`blobs/${manifest.config.digest}`, "GET", null, MAX_CONFIG_BYTES)).text()));
  const created = config.success && config.data.created ? new Date(config.data.created) : null;
  return { digest, createdAt: created && !Number.isNaN(created.getTime()) ? created : null };
}
