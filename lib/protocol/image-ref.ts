// The name a Docker Hub image has on a LAN registry mirror, and the mirror setting as the agent is
// told it. Pure; used by the agent to pull and by the dashboard to say where a pull would come from.
import { z } from "zod";

const HUB = "docker.io";
const HUB_ALIASES = new Set([HUB, "index.docker.io", "registry-1.docker.io"]);

/** Docker's reading of a reference: a first part with `.` or `:` (or `localhost`) names the registry. */
function splitReference(image: string): { registry: string; repository: string; tag: string | null; digest: string | null } {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  const slash = rest.indexOf("/");
  const first = slash >= 0 ? rest.slice(0, slash) : "";
  const named = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = named ? (HUB_ALIASES.has(first.toLowerCase()) ? HUB : first.toLowerCase()) : HUB;
  let repository = named ? rest.slice(slash + 1) : rest;
  if (registry === HUB && !repository.includes("/")) repository = `library/${repository}`;
  return { registry, repository, tag: tag ?? (digest ? null : "latest"), digest };
}

/** The registry host an image comes from (`docker.io` for Docker Hub). */
export function imageRegistry(image: string): string {
  return splitReference(image).registry;
}

/** A registry host as Docker names it: `host` or `host:port` (no scheme, no path). */
export const RegistryMirrorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/, "a registry host such as 192.168.1.5:5000");

/** True when the image comes from Docker Hub (including `library/` short names such as `busybox`). */
export function isDockerHubImage(image: string): boolean {
  return imageRegistry(image) === HUB;
}

/**
 * The name to pull through a mirror (`<mirror>/<repository>:<tag>`), or null when the image does
 * not go through it: images of other registries pull directly, and so do digest-pinned ones (a
 * mirror's copy cannot be given the `name@digest` Docker looks such a container's image up by).
 */
export function mirrorReference(image: string, mirror: string | null | undefined): string | null {
  if (!mirror) return null;
  const r = splitReference(image);
  if (r.registry !== HUB || r.digest !== null || r.tag === null) return null;
  return `${mirror}/${r.repository}:${r.tag}`;
}

/** The repository and tag to give a mirror's copy so that it carries the image's own name. */
export function ownName(image: string): { repo: string; tag: string } {
  const s = image.trim();
  const colon = s.lastIndexOf(":");
  if (colon > s.lastIndexOf("/")) return { repo: s.slice(0, colon), tag: s.slice(colon + 1) };
  return { repo: s, tag: "latest" };
}
