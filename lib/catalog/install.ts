// Plan and install of a catalog app. The plan writes nothing: the stack it would create (each
// service a creation, in dependency order), the route's parts as the routes domain plans them, the
// checks and whether the host has the images. Install checks everything first, then creates the
// stack (catalogApp set, generated passwords in its sealed .env) and its checks (paused), and starts
// the normal health-gated rollout; once that is healthy the route is created and the checks resume
// (follow-up.ts, which also finishes installs whose stack becomes healthy later).
import type { Db } from "@/lib/db";
import { recordAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import { findAgentHub, getAgentHub } from "@/lib/agents";
import { log } from "@/lib/log";
import { createChecks } from "@/lib/probes";
import { previewRoutePlan } from "@/lib/routes";
import { CATALOG_AUDIT_ACTIONS, completeCatalogInstalls, type FollowUp } from "./follow-up";
import { applyStack, createStack } from "@/lib/stacks";
import { prepareInstall, type PreparedInstall } from "./prepare";
import type { CatalogInstallInput, CatalogInstallResult, CatalogPlan } from "./schemas";

/** How long the plan waits for the host's image list. */
export const IMAGE_LIST_TIMEOUT_MS = 5_000;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Rollout levels of a new stack: a service comes after every service it depends on. */
function levels(services: PreparedInstall["loaded"]["services"]): Map<string, number> {
  const keys = new Set(services.map((s) => s.key));
  const out = new Map<string, number>();
  const visit = (key: string, seen: Set<string>): number => {
    const known = out.get(key);
    if (known !== undefined) return known;
    if (seen.has(key)) return 0; // a cycle is the stack loader's error, not this function's
    seen.add(key);
    const deps = services.find((s) => s.key === key)?.dependsOn.map((d) => d.service).filter((d) => keys.has(d) && d !== key) ?? [];
    const level = deps.length ? Math.max(...deps.map((d) => visit(d, seen))) + 1 : 0;
    out.set(key, level);
    return level;
  };
  for (const s of services) visit(s.key, new Set());
  return out;
}

/** Whether the host has each image (tags as its agent lists them); null when it cannot be asked. */
async function imagesOnHost(hostId: string, images: string[]): Promise<{ image: string; present: boolean | null }[]> {
  const session = findAgentHub()?.session(hostId);
  let tags: string[] | null = null;
  if (session) tags = await session.request("image/list", {}, IMAGE_LIST_TIMEOUT_MS).then((r) => r.images.flatMap((i) => i.tags), () => null);
  const norm = (ref: string) => {
    let r = ref.trim().toLowerCase();
    if (!r.includes("@") && !/:[^/]+$/.test(r)) r += ":latest";
    return r.replace(/^docker\.io\/(library\/)?/, "").replace(/^library\//, "");
  };
  const have = tags ? new Set(tags.map(norm)) : null;
  return images.map((image) => ({ image, present: have ? have.has(norm(image)) : null }));
}

export async function planInstall(db: Db, id: string, input: CatalogInstallInput): Promise<CatalogPlan> {
  const p = await prepareInstall(db, id, input, { placeholders: true });
  const lv = levels(p.loaded.services);
  const steps = p.loaded.services
    .map((s) => ({ key: s.key, name: s.name, action: "create" as const, reasons: [], level: lv.get(s.key) ?? 0, serviceId: null }))
    .sort((a, b) => a.level - b.level || a.key.localeCompare(b.key));
  let dns: CatalogPlan["dns"] = [];
  if (p.route) {
    const preview = await previewRoutePlan(db, {
      hostname: p.route.hostname, exposure: p.route.exposure, serviceId: null, servicePort: null,
      upstreamUrl: p.route.dial ? `http://${p.route.dial}` : null,
    });
    dns = preview.parts.map((part) => (part.part === "proxy" && !p.route!.dial
      ? { ...part, action: "blocked" as const, reason: `port ${p.route!.port} of ${p.route!.serviceName} is not published on an address Homeport knows (publish it, or give the host a LAN address)` }
      : part));
  }
  return {
    stack: {
      name: input.stackName,
      hostId: p.host.id,
      egress: p.egress,
      gpu: p.gpus,
      services: p.loaded.services.map((s) => ({ key: s.key, name: s.name, image: s.image, ports: s.ports.map((x) => (x.host !== undefined ? `${x.hostIp ?? "127.0.0.1"}:${x.host}→${x.container}/${x.protocol}` : `${x.container}/${x.protocol}`)) })),
      plan: { ok: true, errors: [], warnings: p.loaded.warnings, steps, changes: steps.length },
    },
    route: p.route ? { hostname: p.route.hostname, exposure: p.route.exposure, service: p.route.service, port: p.route.port } : null,
    dns,
    checks: p.checks.map((c) => ({ name: c.name, type: c.type, target: c.target, from: c.from })),
    skippedChecks: p.skippedChecks,
    images: await imagesOnHost(p.host.id, [...new Set(p.loaded.services.map((s) => s.image))]),
    generated: p.rendered.generated,
  };
}

export async function installApp(db: Db, id: string, input: CatalogInstallInput, actor: AuditActor, meta: AuditOrigin): Promise<CatalogInstallResult> {
  const p = await prepareInstall(db, id, input, { placeholders: false });
  // The rollout needs the host's agent: refused now rather than after the stack exists.
  getAgentHub().requireSession(p.host.id, p.host.name);
  const stack = await createStack(db, { name: input.stackName, hostId: p.host.id, compose: p.rendered.compose, env: p.rendered.env }, actor, meta);
  let checkIds: string[] = [];
  let started: Awaited<ReturnType<typeof applyStack>>;
  try {
    if (p.checks.length) checkIds = (await createChecks(db, p.checks.map((c) => c.input), actor, meta)).ids;
    started = await applyStack(db, stack.id, { pull: false }, actor, meta);
  } catch (err) {
    await undoInstall(db, stack.id, checkIds);
    throw err;
  }
  // The rollout runs: from here on the stack is the user's, as any stack, whatever happens next.
  await db.$transaction(async (tx) => {
    await tx.stack.update({ where: { id: stack.id }, data: { catalogApp: p.app.template.id } });
    await recordAudit(tx, {
      actor, action: CATALOG_AUDIT_ACTIONS.install, target: { type: "stack", id: stack.id }, meta,
      details: {
        app: p.app.template.id, version: p.app.template.version, source: p.app.source, stack: input.stackName, hostId: p.host.id, rolloutId: started.rollout.id,
        egress: p.egress, gpus: p.gpus, generated: p.rendered.generated,
        followUp: { route: p.route ? { hostname: p.route.hostname, exposure: p.route.exposure, service: p.route.service, port: p.route.port } : null, checkIds } satisfies FollowUp,
      },
    });
  });
  void started.finished.then((r) => {
    if (r.status === "succeeded") void completeCatalogInstalls(db, stack.id).catch((e: unknown) => log.error("catalog", "could not finish the install", { stackId: stack.id, error: errorText(e) }));
    else log.info("catalog", "the install's rollout failed: its route and checks wait until the stack is applied", { stackId: stack.id });
  });
  return { stackId: stack.id, rolloutId: started.rollout.id, routeId: null, routePending: p.route?.hostname ?? null, checkIds };
}

/** The rollout did not start, so nothing runs: the stack and its checks go again and a retry starts clean. */
async function undoInstall(db: Db, stackId: string, checkIds: string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    if (checkIds.length) await tx.check.deleteMany({ where: { id: { in: checkIds } } });
    await tx.stack.deleteMany({ where: { id: stackId, rollouts: { none: {} } } });
  }).catch((e: unknown) => log.warn("catalog", "could not undo a failed install", { stackId, error: errorText(e) }));
}
