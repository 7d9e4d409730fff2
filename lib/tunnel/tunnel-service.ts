// The tunnel domain's entry points for route handlers and pages: tunnels with sealed
// credentials, plan/apply of their ingress rules, per-Route rule status and public DNS records.
import { routeRows } from "@/lib/routes/record";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { type AuditOrigin, recordAudit, type AuditActor } from "@/lib/audit";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { TunnelError } from "./errors";
import { desiredTunnelRules, planTunnelIngress, type TunnelRuleChange } from "./plan";
import { TUNNEL_PROVIDERS } from "./providers";
import { tunnelRows, type TunnelRecord } from "./rows";
import { tunnelDnsRecords } from "./public-dns";
import { movedTunnelFields, TunnelSchema, tunnelFieldIssues, type TunnelCreateInput, type TunnelRuleStatus, type TunnelUpdateInput, type TunnelView } from "./schemas";
import type { IngressRule, LocalDeployOptions, PublicDnsRecord, TunnelHandOff, TunnelTarget } from "./types";

/** Every tunnel, parsed (lib/tunnel/rows.ts). */
async function allTunnels(db: Db): Promise<TunnelRecord[]> {
  return (await db.tunnel.findMany({ orderBy: { name: "asc" } })).map(tunnelRows.parse);
}

export function toTunnelView(t: TunnelRecord): TunnelView {
  return TunnelSchema.parse({
    id: t.id,
    name: t.name,
    kind: t.kind,
    mode: t.mode,
    accountId: t.accountId,
    externalId: t.externalId,
    originUrl: t.originUrl,
    apiBaseUrl: t.apiBaseUrl,
    hostId: t.hostId,
    hasCredentials: t.credentialsSealed.length > 0,
    status: t.status,
    statusDetail: t.statusDetail,
    checkedAt: t.checkedAt?.toISOString() ?? null,
    lastAppliedAt: t.lastAppliedAt?.toISOString() ?? null,
  });
}

/** Sealed credentials, or "" for none (a caddy-edge admin API that is not fronted). */
const sealOrEmpty = (credentials: string) => (credentials === "" ? "" : sealSecret(credentials));

function targetOf(t: TunnelRecord): TunnelTarget {
  return { mode: t.mode, externalId: t.externalId, accountId: t.accountId, credentials: t.credentialsSealed === "" ? "" : openSecret(t.credentialsSealed), apiBaseUrl: t.apiBaseUrl };
}

export async function listTunnels(db: Db): Promise<TunnelView[]> {
  return (await allTunnels(db)).map(toTunnelView);
}

async function getTunnelRowOrThrow(db: Db, id: string): Promise<TunnelRecord> {
  const row = await db.tunnel.findUnique({ where: { id } });
  if (!row) throw notFound("Tunnel");
  return tunnelRows.parse(row);
}

export async function getTunnelOrThrow(db: Db, id: string): Promise<TunnelView> {
  return toTunnelView(await getTunnelRowOrThrow(db, id));
}

/** The API and origin addresses are shown in views: credentials belong in the credentials field. */
function refuseUrlCredentials(urls: { apiBaseUrl?: string | null; originUrl?: string }): void {
  for (const [path, url] of Object.entries(urls)) {
    if (!url || !URL.canParse(url)) continue;
    const u = new URL(url);
    if (!u.username && !u.password) continue;
    const message = "credentials do not belong in the URL (it is shown to every reader); use the credentials field";
    throw new DomainError("invalid", `${path}: ${message}`, { issues: [{ path, message }] });
  }
}

export async function createTunnel(db: Db, input: TunnelCreateInput, actor: AuditActor, meta: AuditOrigin): Promise<TunnelView> {
  const { credentials, ...rest } = input;
  refuseUrlCredentials({ apiBaseUrl: rest.apiBaseUrl, originUrl: rest.originUrl });
  return db.$transaction(async (tx) => {
    const row = await tx.tunnel.create({ data: { ...rest, credentialsSealed: sealOrEmpty(credentials) } });
    await recordAudit(tx, { actor, action: "tunnel.create", target: { type: "tunnel", id: row.id }, details: { name: row.name, kind: row.kind, mode: row.mode }, meta });
    return toTunnelView(tunnelRows.parse(row));
  });
}

export async function updateTunnel(db: Db, id: string, input: TunnelUpdateInput, actor: AuditActor, meta: AuditOrigin): Promise<TunnelView> {
  const { credentials, ...rest } = input;
  return db.$transaction(async (tx) => {
    const found = await tx.tunnel.findUnique({ where: { id } });
    if (!found) throw notFound("Tunnel");
    const current = tunnelRows.parse(found);
    refuseUrlCredentials({ apiBaseUrl: rest.apiBaseUrl, originUrl: rest.originUrl });
    // The credentials go to the API address, the account, or the host's agent: moving any of
    // them without entering the credentials again would send the stored ones somewhere new.
    const moved = movedTunnelFields(current, rest);
    if (moved.length > 0 && !credentials && current.credentialsSealed !== "") {
      const message = `required when ${moved.join(" and ")} change${moved.length === 1 ? "s" : ""}: the stored credentials are never sent to a new place`;
      throw new DomainError("invalid", `credentials: ${message}`, { issues: [{ path: "credentials", message }] });
    }
    const merged = {
      mode: rest.mode ?? current.mode,
      accountId: rest.accountId !== undefined ? rest.accountId : current.accountId,
      externalId: rest.externalId ?? current.externalId,
      apiBaseUrl: rest.apiBaseUrl !== undefined ? rest.apiBaseUrl : current.apiBaseUrl,
      // Omitted or empty credentials keep the stored ones.
      credentials: credentials ? credentials : current.credentialsSealed === "" ? "" : null,
    };
    const issues = tunnelFieldIssues(current.kind, merged);
    if (issues.length > 0) throw new DomainError("invalid", issues[0]!.message, { issues });
    const row = await tx.tunnel.update({ where: { id }, data: { ...rest, ...(credentials ? { credentialsSealed: sealSecret(credentials) } : {}) } });
    // The credentials are never in the audit trail, only the fact that they changed.
    await recordAudit(tx, { actor, action: "tunnel.update", target: { type: "tunnel", id }, details: { changed: Object.keys(input) }, meta });
    return toTunnelView(tunnelRows.parse(row));
  });
}

export async function deleteTunnel(db: Db, id: string, actor: AuditActor, meta: AuditOrigin): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.tunnel.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "tunnel.delete", target: { type: "tunnel", id }, details: { name: row.name }, meta });
  });
}

async function exposedRoutes(db: Db) {
  return (await db.route.findMany({ select: { id: true, hostname: true, exposure: true }, orderBy: { hostname: "asc" } })).map((r) => routeRows.columns(r));
}

export interface TunnelPlanView {
  tunnel: TunnelView;
  status: { status: string; detail: string | null };
  changes: TunnelRuleChange[];
  /** The full ingress list that applying writes (remote) or renders (local). */
  rules: IngressRule[];
  needsWrite: boolean;
  /** Local mode: the generated config.yml (holds no secret: it names the credentials file). */
  configYaml: string | null;
  validationErrors: string[];
  publicRecords: PublicDnsRecord[];
}

function errorStatus(err: unknown): { status: string; detail: string } {
  if (err instanceof TunnelError) return { status: err.code, detail: err.message };
  throw err;
}

export async function planTunnel(db: Db, id: string): Promise<TunnelPlanView> {
  const row = await getTunnelRowOrThrow(db, id);
  const provider = TUNNEL_PROVIDERS[row.kind];
  const target = targetOf(row);
  const routes = await exposedRoutes(db);
  const desired = desiredTunnelRules(routes, row.originUrl, target.mode);
  const publicRecords = tunnelDnsRecords(row.kind, target, routes);
  let observed: IngressRule[] = [];
  let status: { status: string; detail: string | null } = { status: "ok", detail: null };
  if (target.mode === "remote") {
    try {
      observed = await provider.readIngress(target);
    } catch (err) {
      status = errorStatus(err);
      return { tunnel: toTunnelView(row), status, changes: [], rules: [], needsWrite: false, configYaml: null, validationErrors: [], publicRecords };
    }
  } else {
    status = { status: "unknown", detail: "locally managed: the running config.yml lives on the host; the plan shows the whole file" };
  }
  const plan = planTunnelIngress(desired, observed, row.originUrl, provider.catchAll, { ownsEveryRule: provider.ownsEveryRule });
  const validationErrors = provider.validateIngress(plan.rules);
  const configYaml = target.mode === "local" && provider.local && validationErrors.length === 0 ? provider.local.renderConfig(target, plan.rules).content : null;
  return { tunnel: toTunnelView(row), status, ...plan, configYaml, validationErrors, publicRecords };
}

export interface TunnelApplyResult {
  status: { status: string; detail: string | null };
  changes: TunnelRuleChange[];
  handOff: TunnelHandOff | null;
}

/**
 * Applies the tunnel's ingress rules: through the provider's API (remote mode), or through the
 * provider's local mode, which writes the connector's files and (re)deploys it through the host's
 * agent (`deploy` carries the deployer and container overrides for tests). `rootCaPem` is the LAN
 * proxy's root CA.
 */
export async function applyTunnel(db: Db, id: string, actor: AuditActor, meta: AuditOrigin, rootCaPem: string | null = null, deploy: LocalDeployOptions = {}): Promise<TunnelApplyResult> {
  const plan = await planTunnel(db, id);
  const row = await getTunnelRowOrThrow(db, id);
  const provider = TUNNEL_PROVIDERS[row.kind];
  const target = targetOf(row);
  const now = new Date();
  let status = plan.status;
  let handOff: TunnelHandOff | null = null;
  if (plan.validationErrors.length > 0) status = { status: "rejected", detail: plan.validationErrors.join("; ") };
  else if (target.mode === "remote" && plan.status.status === "ok" && plan.needsWrite) {
    try {
      await provider.writeIngress(target, plan.rules);
      status = { status: "ok", detail: null };
    } catch (err) {
      status = errorStatus(err);
    }
  } else if (target.mode === "local" && provider.local && plan.configYaml) {
    const config = provider.local.renderConfig(target, plan.rules);
    handOff = await provider.local.deploy({ db, tunnel: { id, name: row.name, hostId: row.hostId }, target, config, rootCaPem, actor, meta, options: deploy });
    status = provider.local.statusOf(handOff);
  }
  const ok = status.status === "ok";
  await db.$transaction(async (tx) => {
    await tx.tunnel.update({ where: { id }, data: { status: status.status, statusDetail: status.detail, checkedAt: now, ...(ok ? { lastAppliedAt: now } : {}) } });
    await recordAudit(tx, { actor, action: "tunnel.apply", target: { type: "tunnel", id }, details: { changes: plan.changes.map((c) => `${c.action} ${c.hostname}`), status: status.status }, meta });
  });
  return { status, changes: ok ? plan.changes : [], handOff };
}

/** Per remotely exposed Route, whether each tunnel carries its rule (reads remote configs live). */
export async function tunnelRuleStatuses(db: Db): Promise<TunnelRuleStatus[]> {
  const [tunnels, routes] = await Promise.all([allTunnels(db), exposedRoutes(db)]);
  const out: TunnelRuleStatus[] = [];
  for (const t of tunnels) {
    const target = targetOf(t);
    const desired = desiredTunnelRules(routes, t.originUrl, target.mode);
    if (target.mode === "local") {
      // The host's config.yml is not read back; say how the last deploy went instead.
      const detail = t.status === "ok" && t.lastAppliedAt ? `config.yml deployed through the agent at ${t.lastAppliedAt.toISOString()}; apply again after changing routes` : (t.statusDetail ?? "config.yml not deployed yet");
      for (const d of desired) out.push({ routeId: d.routeId, hostname: d.rule.hostname ?? "", tunnelId: t.id, status: "unknown", detail });
      continue;
    }
    let observed: IngressRule[];
    try {
      observed = await TUNNEL_PROVIDERS[t.kind].readIngress(target);
    } catch (err) {
      const e = errorStatus(err);
      for (const d of desired) out.push({ routeId: d.routeId, hostname: d.rule.hostname ?? "", tunnelId: t.id, status: "error", detail: e.detail });
      continue;
    }
    const provider = TUNNEL_PROVIDERS[t.kind];
    const plan = planTunnelIngress(desired, observed, t.originUrl, provider.catchAll, { ownsEveryRule: provider.ownsEveryRule });
    for (const d of desired) {
      const change = plan.changes.find((c) => c.routeId === d.routeId);
      const status = !change ? "ok" : change.action === "create" ? "missing" : "drifted";
      out.push({ routeId: d.routeId, hostname: d.rule.hostname ?? "", tunnelId: t.id, status, detail: change ? `apply to ${change.action} the rule` : null });
    }
  }
  return out;
}

/** Desired public DNS records for every tunnel, for lib/dns to reconcile (no DNS call here). */
export async function tunnelPublicDnsRecords(db: Db): Promise<PublicDnsRecord[]> {
  const [tunnels, routes] = await Promise.all([allTunnels(db), exposedRoutes(db)]);
  return tunnels.flatMap((t) => tunnelDnsRecords(t.kind, { externalId: t.externalId }, routes));
}
