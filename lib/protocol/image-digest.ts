// Image references as Docker reads them (docker.io/library short names, registry hosts with a port,
// the default tag, `@sha256:` pins), and which of an image's RepoDigests is the one its name means.
// Pure: shared by the agent (the digest a container runs) and the registry client (lib/images).

export const DOCKER_HUB = "docker.io";
/** Where Docker Hub's Distribution API answers (docker.io itself only redirects). */
export const DOCKER_HUB_API = "registry-1.docker.io";
export const DEFAULT_TAG = "latest";
const MAX_REF_LENGTH = 512;

export const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;

export interface ImageRef {
  /** `docker.io`, `ghcr.io`, `192.168.1.5:5000` — lower case, as Docker names it. */
  registry: string;
  /** `library/nginx`, `hp-upd/app`. */
  repository: string;
  /** The tag (`latest` when none was written); null only for a bare `name@sha256:…`. */
  tag: string | null;
  /** Set when the reference is pinned to a digest: such an image never moves, so it is never checked. */
  digest: string | null;
}

/** Parses a reference; null when Docker would refuse it too (or it is an image ID). */
export function parseImageRef(input: string): ImageRef | null {
  const s = input.trim();
  if (!s || s.length > MAX_REF_LENGTH || /^(sha256:)?[a-f0-9]{64}$/.test(s)) return null;
  let rest = s;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) return null;
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) return null;
  }
  const parts = rest.split("/");
  let registry = DOCKER_HUB;
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase())) {
    if (!HOST_RE.test(first)) return null;
    registry = first.toLowerCase() === "index.docker.io" ? DOCKER_HUB : first.toLowerCase();
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT_RE.test(p))) return null;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift("library");
  return { registry, repository: parts.join("/"), tag: tag ?? (digest ? null : DEFAULT_TAG), digest };
}

/** `registry/repository:tag` — the key one tag is checked and stored under (ImageTag.ref). */
export function tagKey(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}:${ref.tag ?? DEFAULT_TAG}`;
}

const sameRepository = (a: ImageRef, b: ImageRef) => a.registry === b.registry && a.repository === b.repository;

/**
 * The registry digest of the image a container runs: its pin when the reference has one, else
 * the RepoDigests entry of the reference's repository. When the container names its image by ID
 * (its tag has since moved to another image), the image's only repository counts. Null for an
 * image that never came from (nor went to) a registry.
 */
export function repoDigestFor(image: string, repoDigests: readonly string[] | null | undefined): string | null {
  const wanted = parseImageRef(image);
  if (wanted?.digest) return wanted.digest;
  const entries = (repoDigests ?? []).map(parseImageRef).filter((r): r is ImageRef => r !== null && r.digest !== null);
  // A Docker Hub image pulled through a LAN mirror (lib/protocol/image-ref.ts) has only the mirror's RepoDigest: same repository, same digest.
  if (wanted) return (entries.find((e) => sameRepository(e, wanted)) ?? (wanted.registry === DOCKER_HUB ? entries.find((e) => e.repository === wanted.repository) : undefined))?.digest ?? null;
  const repos = new Set(entries.map((e) => `${e.registry}/${e.repository}`));
  return repos.size === 1 ? entries[0]!.digest : null;
}
