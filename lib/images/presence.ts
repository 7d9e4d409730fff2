// Which images a stack or a host needs and whether that host's agent already holds them (so a
// deploy needs no pull, and no internet). The agent call (image/list) is shared with the drill.
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { findAgentHub } from "@/lib/agents";
import { getStackOrThrow, loadStack, readStackEnv } from "@/lib/stacks";
import { getRegistryMirror, pullSource } from "./mirror";
import type { ImageNeed, ImagePresence } from "./presence-schemas";

/** How long an agent gets to list its images. */
export const IMAGE_LIST_TIMEOUT_MS = 5_000;

/** Whether an image reference is among an agent's tags (`busybox` = `busybox:latest` = `docker.io/library/busybox:latest`). */
export function imageInTags(image: string, tags: string[]): boolean {
  const norm = (ref: string) => {
    let r = ref.trim().toLowerCase();
    if (!r.includes("@") && !/:[^/]+$/.test(r)) r += ":latest";
    return r.replace(/^docker\.io\/(library\/)?/, "").replace(/^library\//, "");
  };
  const want = norm(image);
  return tags.some((t) => norm(t) === want);
}

/** The image tags a connected agent holds; null when it is not connected or does not answer in time. */
export async function listHostImageTags(hostId: string): Promise<string[] | null> {
  const session = findAgentHub()?.session(hostId);
  if (!session) return null;
  try {
    return (await session.request("image/list", {}, IMAGE_LIST_TIMEOUT_MS)).images.flatMap((i) => i.tags);
  } catch {
    return null;
  }
}

/** A per-call cache of listHostImageTags: one agent request per host however many images are asked about. */
export function hostImageLookup(): (hostId: string) => Promise<string[] | null> {
  const cache = new Map<string, Promise<string[] | null>>();
  return (hostId) => {
    let p = cache.get(hostId);
    if (!p) cache.set(hostId, (p = listHostImageTags(hostId)));
    return p;
  };
}

type Need = Pick<ImageNeed, "image" | "usedBy">;

/** Merges needs by image (first-seen order), joining their users without repeats. Pure. */
export function mergeNeeds(needs: Need[]): Need[] {
  const byImage = new Map<string, Need>();
  for (const n of needs) {
    const have = byImage.get(n.image);
    if (!have) byImage.set(n.image, { image: n.image, usedBy: [...n.usedBy] });
    else for (const u of n.usedBy) if (!have.usedBy.some((x) => x.kind === u.kind && x.id === u.id)) have.usedBy.push(u);
  }
  return [...byImage.values()];
}

/** The report for one host: missing images first, then unknown, then present. Pure. */
export function presenceReport(host: { id: string; name: string } | null, tags: string[] | null, needs: Need[], mirror: string | null, at = new Date()): ImagePresence {
  const order = (p: boolean | null) => (p === false ? 0 : p === null ? 1 : 2);
  const images: ImageNeed[] = mergeNeeds(needs)
    .map((n) => ({ ...n, present: tags ? imageInTags(n.image, tags) : null, source: pullSource(n.image, mirror) }))
    .sort((a, b) => order(a.present) - order(b.present) || a.image.localeCompare(b.image));
  const missing = images.filter((i) => i.present === false);
  const summary = {
    total: images.length,
    present: images.filter((i) => i.present === true).length,
    missing: missing.length,
    unknown: images.filter((i) => i.present === null).length,
    needInternet: missing.filter((i) => i.source === "internet").length,
  };
  return { hostId: host?.id ?? null, hostName: host?.name ?? null, connected: tags !== null, mirror, checkedAt: at.toISOString(), summary, message: presenceMessage(host?.name ?? null, tags !== null, summary, mirror), images };
}

/** One sentence that leads with what is missing. Pure. */
export function presenceMessage(hostName: string | null, connected: boolean, s: ImagePresence["summary"], mirror: string | null): string {
  const n = (k: number) => `${k} image${k === 1 ? "" : "s"}`;
  if (!hostName) return "Not placed on a host: place it to see whether its images are there.";
  if (s.total === 0) return `No images needed on ${hostName}.`;
  if (!connected) return `${hostName} is not connected: whether ${s.total === 1 ? "its image is" : `its ${s.total} images are`} there is unknown.`;
  if (s.missing === 0) return `All ${n(s.total)} are on ${hostName}: a deploy needs no pull.`;
  const head = `${s.missing} of ${n(s.total)} missing`;
  if (s.needInternet > 0) return `${head}: a deploy needs the internet${mirror ? "" : " or a mirror"} (${s.needInternet} would come from the internet).`;
  return `${head}: a deploy pulls ${s.missing === 1 ? "it" : "them"} ${mirror ? `through the mirror ${mirror} or ` : ""}from a LAN registry.`;
}

/** Images a stack needs (from its Compose file; its applied services if the file does not load) on its host. */
export async function stackImagePresence(db: Db, stackId: string): Promise<ImagePresence> {
  const stack = await getStackOrThrow(db, stackId);
  const { env } = await readStackEnv(db, stackId);
  const loaded = loadStack({ name: stack.name, compose: stack.compose, env });
  const needs: Need[] = loaded.ok
    ? loaded.services.map((s) => ({ image: s.image, usedBy: [{ kind: "service" as const, id: stack.services.find((x) => x.key === s.key)?.serviceId ?? s.name, name: s.name }] }))
    : stack.services.map((s) => ({ image: s.image, usedBy: [{ kind: "service" as const, id: s.serviceId, name: s.name }] }));
  const host = stack.hostId ? { id: stack.hostId, name: stack.hostName ?? stack.hostId } : null;
  const [tags, mirror] = await Promise.all([host ? listHostImageTags(host.id) : null, getRegistryMirror(db)]);
  return presenceReport(host, tags, needs, mirror);
}

/** Images the services and stacks placed on a host need, with who uses each. */
export async function hostImagePresence(db: Db, hostId: string): Promise<ImagePresence> {
  const host = await db.host.findUnique({ where: { id: hostId }, select: { id: true, name: true } });
  if (!host) throw notFound("Host");
  const [services, stacks] = await Promise.all([
    db.service.findMany({ where: { hostId }, select: { id: true, name: true, image: true, stack: { select: { id: true, name: true } } }, orderBy: { name: "asc" } }),
    db.stack.findMany({ where: { hostId }, select: { id: true }, orderBy: { name: "asc" } }),
  ]);
  const needs: Need[] = services.map((s) => ({
    image: s.image,
    usedBy: [{ kind: "service" as const, id: s.id, name: s.name }, ...(s.stack ? [{ kind: "stack" as const, id: s.stack.id, name: s.stack.name }] : [])],
  }));
  // A stack placed here but not applied yet (or changed since) needs its file's images too.
  for (const { id } of stacks) {
    const stack = await getStackOrThrow(db, id);
    const loaded = loadStack({ name: stack.name, compose: stack.compose, env: (await readStackEnv(db, id)).env });
    if (loaded.ok) for (const s of loaded.services) needs.push({ image: s.image, usedBy: [{ kind: "stack", id: stack.id, name: stack.name }] });
  }
  const [tags, mirror] = await Promise.all([listHostImageTags(hostId), getRegistryMirror(db)]);
  return presenceReport(host, tags, needs, mirror);
}
