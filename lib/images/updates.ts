// The image-update check, Homeport's one job that uses the internet: when the setting allows it,
// every `imageUpdatesIntervalHours` (and on demand) it asks each registry once per distinct tag in
// use what digest the tag names now, without pulling, and keeps the answer in ImageTag. A failed
// check records its error class on the row and changes nothing else (the last known digest stays).
// A service has an update when its container's image digest differs from its tag's remote digest.
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Schedulers } from "@/lib/schedulers";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { getSettings } from "@/lib/settings";
import { getEventBus } from "@/lib/events";
import { DockerInfoSchema } from "@/lib/protocol";
import { parseImageRef, tagKey, type ImageRef } from "@/lib/protocol/image-digest";
import { checkTag, dockerArch, RegistryError, type RegistryOptions } from "./registry";
import { RegistryErrorClassSchema, type ServiceUpdate, type StackUpdate, type UpdateJob, type UpdatesView } from "./update-schemas";

/** How often the scheduler looks whether a run is due (the interval itself is the setting). */
export const IMAGE_UPDATES_TICK_MS = 5 * 60_000;
/** Tags asked about at once. */
export const CHECK_CONCURRENCY = 4;
const HOUR_MS = 3_600_000;

/** One run at a time per process (server.ts and the route bundles share it through globalThis). */
const RUN_KEY = Symbol.for("homeport.images.updateRun");
type RunSlot = { [RUN_KEY]?: Promise<number> | null };
const slot = globalThis as RunSlot;

interface ServiceRow {
  id: string;
  name: string;
  image: string;
  stackId: string | null;
  stack: { name: string } | null;
  host: { name: string; dockerInfo: string | null } | null;
}

async function servicesInUse(db: Db): Promise<ServiceRow[]> {
  return db.service.findMany({
    select: { id: true, name: true, image: true, stackId: true, stack: { select: { name: true } }, host: { select: { name: true, dockerInfo: true } } },
    orderBy: { name: "asc" },
  });
}

function archOf(dockerInfo: string | null): string | undefined {
  if (!dockerInfo) return undefined;
  try {
    const info = DockerInfoSchema.safeParse(JSON.parse(dockerInfo));
    return info.success ? dockerArch(info.data.arch) : undefined;
  } catch {
    return undefined;
  }
}

/** The distinct tags the services use (pinned and unreadable references left out), with a platform each. */
function tagsOf(services: ServiceRow[]): Map<string, { ref: ImageRef; arch?: string }> {
  const tags = new Map<string, { ref: ImageRef; arch?: string }>();
  for (const s of services) {
    const ref = parseImageRef(s.image);
    if (!ref || ref.digest) continue;
    const key = tagKey(ref);
    if (!tags.has(key)) tags.set(key, { ref, arch: archOf(s.host?.dockerInfo ?? null) });
  }
  return tags;
}

/** Checks every tag in use once; returns how many were asked about. `registry` is for tests (certs). */
export async function runUpdateCheck(db: Db, opts: { now?: Date; registry?: RegistryOptions } = {}): Promise<number> {
  const inFlight = slot[RUN_KEY];
  if (inFlight) return inFlight;
  const run = (async () => {
    const at = opts.now ?? new Date();
    const tags = [...tagsOf(await servicesInUse(db)).entries()];
    const known = new Map((await db.imageTag.findMany({ where: { ref: { in: tags.map(([k]) => k) } } })).map((r) => [r.ref, r]));
    let next = 0;
    const worker = async () => {
      while (next < tags.length) {
        const [key, { ref, arch }] = tags[next++]!;
        const row = known.get(key);
        try {
          const r = await checkTag(ref, { ...opts.registry, arch, known: row ? { digest: row.remoteDigest, createdAt: row.remoteCreatedAt } : null });
          const data = { remoteDigest: r.digest, remoteCreatedAt: r.createdAt, checkedAt: at, errorClass: null, message: null };
          await db.imageTag.upsert({ where: { ref: key }, create: { ref: key, ...data }, update: data });
        } catch (err) {
          const errorClass = err instanceof RegistryError ? err.errorClass : "error";
          const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
          // Only the verdict changes: the digest and age last seen stay what they were.
          await db.imageTag.upsert({ where: { ref: key }, create: { ref: key, checkedAt: at, errorClass, message }, update: { checkedAt: at, errorClass, message } });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, tags.length) }, worker));
    // Tags no service uses any more are forgotten (the table stays as small as what runs).
    await db.imageTag.deleteMany({ where: { ref: { notIn: tags.map(([k]) => k) } } });
    log.info("images", "image update check ran", { tags: tags.length });
    getEventBus().publish({ type: "images/checked", at: at.toISOString(), tags: tags.length });
    return tags.length;
  })();
  slot[RUN_KEY] = run;
  try {
    return await run;
  } finally {
    slot[RUN_KEY] = null;
  }
}

/** "Check now": refused while the job is off (Homeport asks no registry until it is allowed); audited. */
export async function checkNow(db: Db, actor: AuditActor, meta: AuditOrigin, opts: { registry?: RegistryOptions } = {}): Promise<UpdatesView> {
  const { imageUpdatesEnabled } = await getSettings(db);
  if (!imageUpdatesEnabled) throw new DomainError("conflict", "Image updates are off: Homeport asks no registry until you turn them on in Settings");
  await recordAudit(db, { actor, action: "images.check", target: { type: "images" }, meta });
  await runUpdateCheck(db, opts);
  return listUpdates(db);
}

/** A service's update status from its image, its container's digest and its tag's row. */
function statusOf(image: string, currentDigest: string | null, row: { remoteDigest: string | null } | undefined): ServiceUpdate["status"] {
  const ref = parseImageRef(image);
  if (!ref) return "unknown";
  if (ref.digest) return "pinned";
  if (!row?.remoteDigest) return "unchecked";
  if (!currentDigest) return "unknown";
  return currentDigest === row.remoteDigest ? "current" : "update";
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function listUpdates(db: Db, now = new Date()): Promise<UpdatesView> {
  const [services, settings] = await Promise.all([servicesInUse(db), getSettings(db)]);
  const ids = services.map((s) => s.id);
  const containers = ids.length
    ? await db.containerState.findMany({ where: { serviceId: { in: ids }, managed: true }, select: { serviceId: true, name: true, imageDigest: true, state: true } })
    : [];
  const keys = [...tagsOf(services).keys()];
  const rows = new Map((await db.imageTag.findMany({ where: { ref: { in: keys } } })).map((r) => [r.ref, r]));
  const views: ServiceUpdate[] = services.map((s) => {
    const ref = parseImageRef(s.image);
    const key = ref && !ref.digest ? tagKey(ref) : null;
    const row = key ? rows.get(key) : undefined;
    const mine = containers.filter((c) => c.serviceId === s.id);
    const c = mine.find((x) => x.name === s.name) ?? mine[0];
    const currentDigest = c?.imageDigest ?? (ref?.digest ?? null);
    const errorClass = RegistryErrorClassSchema.safeParse(row?.errorClass);
    return {
      serviceId: s.id, serviceName: s.name, stackId: s.stackId, stackName: s.stack?.name ?? null, hostName: s.host?.name ?? null,
      image: s.image, tag: key, status: statusOf(s.image, currentDigest, row), currentDigest,
      newDigest: row?.remoteDigest ?? null, newCreatedAt: iso(row?.remoteCreatedAt), checkedAt: iso(row?.checkedAt),
      errorClass: errorClass.success ? errorClass.data : null, message: row?.message ?? null,
    };
  });
  const stacks = new Map<string, StackUpdate>();
  for (const v of views.filter((x) => x.status === "update" && x.stackId)) {
    const st = stacks.get(v.stackId!) ?? { stackId: v.stackId!, stackName: v.stackName ?? "", hostName: v.hostName, services: [] };
    st.services.push({ serviceId: v.serviceId, serviceName: v.serviceName, newCreatedAt: v.newCreatedAt });
    stacks.set(v.stackId!, st);
  }
  return { job: jobState([...rows.values()], settings, now), services: views, stacks: [...stacks.values()] };
}

function jobState(rows: { ref: string; checkedAt: Date | null; errorClass: string | null; message: string | null }[], settings: { imageUpdatesEnabled: boolean; imageUpdatesIntervalHours: number }, now: Date): UpdateJob {
  // Every tag of one run carries that run's start as checkedAt: the latest time is the last run.
  const last = rows.reduce<Date | null>((m, r) => (r.checkedAt && (!m || r.checkedAt > m) ? r.checkedAt : m), null);
  const ofLast = last ? rows.filter((r) => r.checkedAt?.getTime() === last.getTime()) : [];
  const next = last ? new Date(Math.max(last.getTime() + settings.imageUpdatesIntervalHours * HOUR_MS, now.getTime())) : now;
  return {
    enabled: settings.imageUpdatesEnabled,
    intervalHours: settings.imageUpdatesIntervalHours,
    running: Boolean(slot[RUN_KEY]),
    lastRunAt: iso(last),
    nextRunAt: settings.imageUpdatesEnabled ? next.toISOString() : null,
    lastRunErrors: ofLast.flatMap((r) => {
      const c = RegistryErrorClassSchema.safeParse(r.errorClass);
      return c.success ? [{ tag: r.ref, errorClass: c.data, message: r.message }] : [];
    }),
    lastRunTags: ofLast.length,
  };
}

/** Runs the check when it is on and due; reads the settings on each tick, so a change applies at once. */
export async function runIfDue(db: Db, now = new Date()): Promise<boolean> {
  const settings = await getSettings(db);
  if (!settings.imageUpdatesEnabled) return false;
  const latest = await db.imageTag.findFirst({ where: { checkedAt: { not: null } }, orderBy: { checkedAt: "desc" }, select: { checkedAt: true } });
  if (latest?.checkedAt && now.getTime() - latest.checkedAt.getTime() < settings.imageUpdatesIntervalHours * HOUR_MS) return false;
  await runUpdateCheck(db, { now });
  return true;
}

export function scheduleImageUpdates(schedulers: Schedulers, getDb: () => Db): void {
  schedulers.every("image-updates", IMAGE_UPDATES_TICK_MS, async () => {
    await runIfDue(getDb());
  });
}
