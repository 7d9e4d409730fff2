// The ingress domain's entry points for route handlers and pages: settings, plan, apply,
// status and the root certificate. Reads the inventory, talks to Caddy, records statuses.
import { routeRows } from "@/lib/routes/record";
import type { Exposure } from "@/lib/routes/exposure";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { hostRows, serviceRows } from "@/lib/inventory";
import { applyIngressPlan } from "./apply";
import { createCaddyAdmin, type CaddyAdmin } from "./caddy-client";
import { desiredProxyEntries, screenProxyEntries } from "./desired";
import { loadAdminEndpoints } from "@/lib/net/stored-admin-endpoints";
import { CaddyConflictError, CaddyNoLocalCaError, CaddyRejectedError, CaddyUnreachableError } from "./errors";
import { planIngressChanges } from "./plan";
import { adminUrlMoves, type EntryView, type IngressApplyResult, type IngressOverview, type IngressPlanView, type IngressSettingsInput, type IngressSettingsView, type ProxyTlsInput } from "./schemas";
import { checkIngressHealth, type IngressHealth, type LastRejection } from "./status";
import { ingressSettingsRows, proxyEntryRows, type IngressSettingsRecord, type ProxyEntryRecord } from "./rows";
import { toChangeViews, type DesiredIngress, type TlsSpec, type UnresolvedRoute } from "./types";

const SETTINGS_ID = "default";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The settings row, created with its defaults on first use (a read never rewrites it). */
async function settingsRow(db: Db): Promise<IngressSettingsRecord> {
  const row = (await db.ingressSettings.findUnique({ where: { id: SETTINGS_ID } })) ?? (await db.ingressSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID }, update: {} }));
  return ingressSettingsRows.parse(row);
}

/** Routes whose user-supplied private key goes to the admin API on every apply. */
async function privateKeyRoutes(db: Db | Tx): Promise<number> {
  const routeIds = (await db.route.findMany({ select: { id: true } })).map((r) => r.id);
  return db.proxyEntry.count({ where: { tlsMode: "certificate", keySealed: { not: null }, routeId: { in: routeIds } } });
}

function toSettingsView(s: IngressSettingsRecord, keyRoutes: number): IngressSettingsView {
  return {
    adminUrl: s.adminUrl,
    serverName: s.serverName,
    listen: s.listen,
    httpPort: s.httpPort,
    httpsPort: s.httpsPort,
    proxyAddress: s.proxyAddress,
    adminAuthSet: s.adminAuthSealed !== null,
    privateKeyRoutes: keyRoutes,
    status: s.status,
    statusDetail: s.statusDetail,
    checkedAt: s.checkedAt?.toISOString() ?? null,
    lastAppliedAt: s.lastAppliedAt?.toISOString() ?? null,
  };
}

export async function getIngressSettings(db: Db): Promise<IngressSettingsView> {
  const row = await settingsRow(db);
  return toSettingsView(row, await privateKeyRoutes(db));
}

const fieldError = (path: string, message: string) => new DomainError("invalid", `${path}: ${message}`, { issues: [{ path, message }] });

/**
 * Where the admin API's secrets would go after this change, checked before anything is saved:
 * a new admin URL gets the stored Authorization header only if it is entered again, and the
 * private keys of certificate-mode routes only with `confirmMoveKeys`.
 */
async function checkAdminMove(tx: Tx, current: IngressSettingsRecord, input: IngressSettingsInput): Promise<{ moved: boolean; keys: number }> {
  if (input.adminUrl === undefined) return { moved: false, keys: 0 };
  const url = URL.canParse(input.adminUrl) ? new URL(input.adminUrl) : null;
  if (url && (url.username || url.password)) throw fieldError("adminUrl", "credentials do not belong in the URL (it is shown on the dashboard); enter them as the Authorization header");
  if (!adminUrlMoves(current.adminUrl, input.adminUrl)) return { moved: false, keys: 0 };
  const issues: { path: string; message: string }[] = [];
  if (current.adminAuthSealed !== null && input.adminAuth === undefined) {
    issues.push({ path: "adminAuth", message: "enter the Authorization header again (or clear it): the stored one is never sent to a new admin address" });
  }
  const keys = await privateKeyRoutes(tx);
  if (keys > 0 && input.confirmMoveKeys !== true) {
    issues.push({ path: "confirmMoveKeys", message: `${keys} route${keys === 1 ? " uses" : "s use"} your own certificate: the next apply sends ${keys === 1 ? "its private key" : "their private keys"} to ${input.adminUrl}. Confirm to move them` });
  }
  if (issues.length > 0) throw new DomainError("invalid", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  return { moved: true, keys };
}

export async function updateIngressSettings(db: Db, input: IngressSettingsInput, actor: AuditActor, meta: AuditOrigin): Promise<IngressSettingsView> {
  await settingsRow(db);
  const { adminAuth, confirmMoveKeys: _confirmed, listen, ...fields } = input;
  const { row, keys } = await db.$transaction(async (tx) => {
    const current = ingressSettingsRows.parse(await tx.ingressSettings.findUniqueOrThrow({ where: { id: SETTINGS_ID } }));
    const move = await checkAdminMove(tx, current, input);
    const updated = await tx.ingressSettings.update({
      where: { id: SETTINGS_ID },
      data: {
        ...fields,
        ...(listen ? { listen: JSON.stringify(listen) } : {}),
        ...(adminAuth !== undefined ? { adminAuthSealed: adminAuth ? sealSecret(adminAuth) : null } : {}),
      },
    });
    // The header's value is never in the audit trail, only that it changed.
    const details = { changed: Object.keys(input), ...(move.moved ? { adminUrl: { from: current.adminUrl, to: updated.adminUrl }, privateKeysMoved: move.keys } : {}) };
    await recordAudit(tx, { actor, action: "ingress.settings.update", target: { type: "ingress", id: SETTINGS_ID }, details, meta });
    return { row: ingressSettingsRows.parse(updated), keys: await privateKeyRoutes(tx) };
  });
  return toSettingsView(row, keys);
}

/** Chooses Caddy's internal CA or a user-supplied certificate for one Route; the key is sealed. */
export async function setProxyEntryTls(db: Db, routeId: string, input: ProxyTlsInput, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  const route = await db.route.findUnique({ where: { id: routeId } });
  if (!route) throw new DomainError("not_found", "Route not found");
  const data =
    input.mode === "internal"
      ? { tlsMode: "internal", certificatePem: null, keySealed: null }
      : { tlsMode: "certificate", certificatePem: input.certificatePem, keySealed: sealSecret(input.keyPem) };
  await db.$transaction(async (tx) => {
    await tx.proxyEntry.upsert({ where: { routeId }, create: { routeId, ...data }, update: data });
    await recordAudit(tx, { actor, action: "ingress.tls.update", target: { type: "route", id: routeId }, details: { mode: input.mode }, meta });
  });
}

/** The Caddy admin client for the stored settings, with the stored Authorization header if any. */
export function caddyFor(settings: Pick<IngressSettingsRecord, "adminUrl" | "adminAuthSealed">): CaddyAdmin {
  return createCaddyAdmin(settings.adminUrl, settings.adminAuthSealed ? { headers: { authorization: openSecret(settings.adminAuthSealed) } } : {});
}

/** The admin client for what is stored now (tests may pass their own instead). */
async function storedCaddy(db: Db): Promise<CaddyAdmin> {
  return caddyFor(await settingsRow(db));
}

interface Loaded {
  settings: IngressSettingsView;
  desired: DesiredIngress;
  unresolved: UnresolvedRoute[];
  routes: { id: string; hostname: string; exposure: Exposure }[];
  entryRows: Map<string, ProxyEntryRecord>;
}

export async function loadDesiredIngress(db: Db): Promise<Loaded> {
  const [settings, routesRead, serviceRowsRead, hostRowsRead, entryRowsRead] = await Promise.all([
    getIngressSettings(db),
    db.route.findMany({ orderBy: { hostname: "asc" } }),
    db.service.findMany({ select: { id: true, name: true, hostId: true, ports: true } }),
    db.host.findMany({ select: { id: true, name: true, addresses: true } }),
    db.proxyEntry.findMany(),
  ]);
  const routes = routesRead.map((r) => routeRows.parse(r));
  const services = serviceRowsRead.map((r) => serviceRows.columns(r));
  const hosts = hostRowsRead.map((r) => hostRows.columns(r));
  const entries = entryRowsRead.map((r) => proxyEntryRows.parse(r));
  const tls = new Map<string, TlsSpec>();
  for (const e of entries) {
    if (e.tlsMode === "certificate" && e.certificatePem && e.keySealed) tls.set(e.routeId, { mode: "certificate", certificatePem: e.certificatePem, keyPem: openSecret(e.keySealed) });
  }
  // Upstream names are resolved and checked by the address guard; refused routes are not kept in Caddy.
  const { entries: specs, unresolved, keepRouteIds } = await screenProxyEntries(desiredProxyEntries(
    routes,
    services,
    hosts,
    tls,
  ), { admin: await loadAdminEndpoints(db) });
  return {
    settings,
    desired: {
      server: { name: settings.serverName, listen: settings.listen, httpPort: settings.httpPort, httpsPort: settings.httpsPort },
      entries: specs,
      keepRouteIds,
    },
    unresolved,
    routes,
    entryRows: new Map(entries.map((e) => [e.routeId, e])),
  };
}

export async function planIngress(db: Db, client?: CaddyAdmin): Promise<IngressPlanView> {
  const { desired, unresolved } = await loadDesiredIngress(db);
  const caddy = client ?? (await storedCaddy(db));
  try {
    const plan = planIngressChanges(desired, await caddy.getConfig());
    return { caddy: { status: "ok", detail: null }, changes: toChangeViews(plan), unchanged: plan.unchanged, unresolved };
  } catch (err) {
    if (err instanceof CaddyUnreachableError) return { caddy: { status: "unreachable", detail: err.message }, changes: [], unchanged: [], unresolved };
    if (err instanceof CaddyRejectedError) return { caddy: { status: "rejected", detail: err.message }, changes: [], unchanged: [], unresolved };
    throw err;
  }
}

export async function applyIngress(db: Db, actor: AuditActor, meta: AuditOrigin, client?: CaddyAdmin): Promise<IngressApplyResult> {
  const { desired } = await loadDesiredIngress(db);
  const caddy = client ?? (await storedCaddy(db));
  const now = new Date();
  let config: unknown;
  try {
    config = await caddy.getConfig();
  } catch (err) {
    if (!(err instanceof CaddyUnreachableError || err instanceof CaddyRejectedError)) throw err;
    const status = err instanceof CaddyUnreachableError ? "unreachable" : "rejected";
    await db.ingressSettings.update({ where: { id: SETTINGS_ID }, data: { status, statusDetail: err.message, checkedAt: now } });
    return { caddy: { status, detail: err.message }, applied: [], failed: null };
  }
  const plan = planIngressChanges(desired, config);
  const result = await applyIngressPlan(caddy, plan);
  const failed = result.failed;
  const caddyStatus = !failed ? "ok" : failed.error instanceof CaddyUnreachableError ? "unreachable" : failed.error instanceof CaddyConflictError ? "conflict" : "rejected";
  const detail = failed ? (failed.error instanceof CaddyRejectedError ? failed.error.caddyMessage : failed.error.message) : null;
  const [applied, failedView] = [toChangeViews({ changes: result.applied, unchanged: [] }), failed ? toChangeViews({ changes: [failed.change], unchanged: [] })[0] : undefined];
  await db.$transaction(async (tx) => {
    await tx.ingressSettings.update({ where: { id: SETTINGS_ID }, data: { status: caddyStatus, statusDetail: detail, checkedAt: now, ...(failed ? {} : { lastAppliedAt: now }) } });
    for (const c of result.applied) {
      if (c.kind !== "route" || !c.routeId) continue;
      if (c.action === "delete") await tx.proxyEntry.deleteMany({ where: { routeId: c.routeId } });
      else await tx.proxyEntry.upsert({ where: { routeId: c.routeId }, create: { routeId: c.routeId, status: "ok", appliedAt: now }, update: { status: "ok", statusDetail: null, appliedAt: now } });
    }
    if (failed?.change.routeId && failed.change.action !== "delete") {
      const data = { status: caddyStatus, statusDetail: detail, checkedAt: now };
      await tx.proxyEntry.upsert({ where: { routeId: failed.change.routeId }, create: { routeId: failed.change.routeId, ...data }, update: data });
    }
    await recordAudit(tx, {
      actor,
      action: "ingress.apply",
      target: { type: "ingress", id: SETTINGS_ID },
      details: { applied: result.applied.map((c) => `${c.action} ${c.id}`), failed: failed ? { id: failed.change.id, error: detail } : null },
      meta,
    });
  });
  return { caddy: { status: caddyStatus, detail }, applied, failed: failedView && detail ? { change: failedView, message: detail } : null };
}

function proxyTarget(settings: IngressSettingsView) {
  return { address: settings.proxyAddress ?? new URL(settings.adminUrl).hostname.replace(/^\[|\]$/g, ""), httpsPort: settings.httpsPort };
}

/** Checks Caddy and every entry now, stores the statuses, and returns the dashboard's view. */
export async function getIngressOverview(db: Db, opts: { live?: boolean; client?: CaddyAdmin } = {}): Promise<IngressOverview> {
  const loaded = await loadDesiredIngress(db);
  const { settings, desired, unresolved, routes, entryRows } = loaded;
  let health: IngressHealth | null = null;
  if (opts.live !== false) {
    const rejected = [...entryRows.entries()].find(([, e]) => e.status === "rejected");
    const lastRejection: LastRejection | null = settings.status === "rejected" && settings.statusDetail ? { routeId: rejected?.[0] ?? null, message: settings.statusDetail } : null;
    health = await checkIngressHealth(opts.client ?? (await storedCaddy(db)), desired, unresolved, { target: proxyTarget(settings), lastRejection });
    await persistHealth(db, health, settings.status === "rejected" && health.caddy.status !== "unreachable");
  }
  const specs = new Map(desired.entries.map((e) => [e.routeId, e]));
  const now = new Date().toISOString();
  const entries: EntryView[] = routes.map((r) => {
    const live = health?.entries.find((e) => e.routeId === r.id);
    const row = entryRows.get(r.id);
    const spec = specs.get(r.id);
    return {
      routeId: r.id,
      hostname: r.hostname,
      exposure: r.exposure,
      upstream: spec ? `${spec.upstream.tls ? "https://" : "http://"}${spec.upstream.dial}` : null,
      tlsMode: row?.tlsMode ?? "internal",
      status: live?.status ?? row?.status ?? "pending",
      detail: live?.detail ?? row?.statusDetail ?? null,
      checkedAt: live ? now : (row?.checkedAt?.toISOString() ?? null),
    };
  });
  const caddy = health ? health.caddy : { status: settings.status, detail: settings.statusDetail };
  return { settings: await getIngressSettings(db), caddy, entries };
}

async function persistHealth(db: Db, health: IngressHealth, keepRejection: boolean): Promise<void> {
  const now = new Date();
  await db.$transaction(async (tx) => {
    if (!keepRejection) await tx.ingressSettings.update({ where: { id: SETTINGS_ID }, data: { status: health.caddy.status, statusDetail: health.caddy.detail, checkedAt: now } });
    for (const e of health.entries) {
      const data = { status: e.status, statusDetail: e.detail, checkedAt: now };
      await tx.proxyEntry.upsert({ where: { routeId: e.routeId }, create: { routeId: e.routeId, ...data }, update: data });
    }
  });
}

/** The PEM root of Caddy's internal CA, for devices to trust. */
export async function getRootCertificate(db: Db, client?: CaddyAdmin): Promise<string> {
  try {
    return await (client ?? (await storedCaddy(db))).getRootCertificate();
  } catch (err) {
    if (err instanceof CaddyNoLocalCaError) throw new DomainError("not_found", err.message);
    if (err instanceof CaddyUnreachableError || err instanceof CaddyRejectedError) throw new DomainError("unavailable", err.message);
    throw err;
  }
}

/** The root PEM when Caddy can give it, else null (for callers where it is optional). */
export async function rootCertificateIfAvailable(db: Db): Promise<string | null> {
  try {
    return await getRootCertificate(db);
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}
