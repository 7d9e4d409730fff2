// Pure planning: compares the Caddy entries Homeport wants with Caddy's current config and
// lists the targeted admin API calls that close the gap. Only objects whose `@id` starts with
// "homeport-" are ever replaced or deleted; everything else is read only to find where to insert.
import {
  buildCaddyRoute,
  buildHttpApp,
  buildInternalTlsPolicy,
  buildLoadedCertificate,
  buildServer,
  CERT_ID_PREFIX,
  jsonEqual,
  ROUTE_ID_PREFIX,
  segment,
  TLS_POLICY_ID,
  type CaddyJson,
} from "./caddy-config";
import type { AdminOp, DesiredIngress, IngressChange, IngressPlan } from "./types";

const POLICIES_PATH = ["apps", "tls", "automation", "policies"];
const LOAD_PEM_PATH = ["apps", "tls", "certificates", "load_pem"];

const isObject = (v: unknown): v is CaddyJson => typeof v === "object" && v !== null && !Array.isArray(v);

function getAt(root: unknown, path: string[]): unknown {
  let cur = root;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

const configPath = (path: string[]) => `/config/${path.map(segment).join("/")}`;
const idPath = (id: string) => `/id/${segment(id)}`;

/** Homeport's objects found in a Caddy config. */
export interface ObservedCaddy {
  /** Owned routes by `@id`, with the server that holds them. */
  routes: Map<string, { server: string; value: CaddyJson }>;
  policy: CaddyJson | null;
  certificates: Map<string, CaddyJson>;
}

export function readObservedCaddy(config: unknown): ObservedCaddy {
  const routes = new Map<string, { server: string; value: CaddyJson }>();
  const servers = getAt(config, ["apps", "http", "servers"]);
  if (isObject(servers)) {
    for (const [server, def] of Object.entries(servers)) {
      const list = isObject(def) ? def.routes : undefined;
      if (!Array.isArray(list)) continue;
      for (const r of list) {
        const id = isObject(r) ? r["@id"] : undefined;
        if (typeof id === "string" && id.startsWith(ROUTE_ID_PREFIX)) routes.set(id, { server, value: r as CaddyJson });
      }
    }
  }
  const policies = getAt(config, POLICIES_PATH);
  const policy = Array.isArray(policies) ? ((policies.find((p) => isObject(p) && p["@id"] === TLS_POLICY_ID) as CaddyJson | undefined) ?? null) : null;
  const certificates = new Map<string, CaddyJson>();
  const loaded = getAt(config, LOAD_PEM_PATH);
  if (Array.isArray(loaded)) {
    for (const c of loaded) {
      const id = isObject(c) ? c["@id"] : undefined;
      if (typeof id === "string" && id.startsWith(CERT_ID_PREFIX)) certificates.set(id, c as CaddyJson);
    }
  }
  return { routes, policy, certificates };
}

/**
 * Caddy's config as the plan's own ops leave it, so each op is planned against the previous
 * ones (e.g. the first op creates apps.tls, the next inserts into it).
 */
class ConfigModel {
  private root: unknown;
  constructor(config: unknown) {
    this.root = config === undefined ? null : structuredClone(config);
  }

  get(path: string[]): unknown {
    return getAt(this.root, path);
  }

  /** Creates `value` at `path`, adding only the missing containers: one POST at the first missing key. */
  createAt(path: string[], value: unknown): AdminOp {
    let depth = 0;
    while (depth < path.length && isObject(this.get(path.slice(0, depth + 1)))) depth++;
    let body: unknown = value;
    for (let i = path.length - 1; i > depth; i--) body = { [path[i] as string]: body };
    let op: AdminOp;
    if (!isObject(this.root)) {
      // Caddy runs with no config at all: POST /config/ replaces nothing.
      op = { method: "POST", path: "/config/", body: { [path[0] as string]: body } };
      this.root = structuredClone(op.body);
    } else {
      const created = configPath(path.slice(0, depth + 1));
      op = { method: "POST", path: created, body, expectAbsent: created };
      const parent = depth === 0 ? this.root : (this.get(path.slice(0, depth)) as CaddyJson);
      parent[path[depth] as string] = structuredClone(body);
    }
    return op;
  }

  /** Adds `value` to the array at `path`: at the front (so a user's catch-all cannot shadow it) or at the end. */
  insert(path: string[], value: unknown, front: boolean): AdminOp {
    const arr = this.get(path);
    if (!Array.isArray(arr)) return this.createAt(path, [value]);
    const wasEmpty = arr.length === 0;
    if (front) arr.unshift(structuredClone(value));
    else arr.push(structuredClone(value));
    if (wasEmpty || !front) return { method: "POST", path: configPath(path), body: value };
    return { method: "PUT", path: `${configPath(path)}/0`, body: value };
  }
}

const describeRoute = (hostname: string, dial: string, tls: boolean) => `route ${hostname} → ${tls ? "https://" : ""}${dial}`;

/** The changes that make Caddy serve `desired`, given Caddy's current `config` (GET /config/). */
export function planIngressChanges(desired: DesiredIngress, config: unknown): IngressPlan {
  const observed = readObservedCaddy(config);
  const changes: IngressChange[] = [];
  const unchanged: string[] = [];
  const { server } = desired;
  const serverPath = ["apps", "http", "servers", server.name];
  const routesPath = [...serverPath, "routes"];
  const model = new ConfigModel(config);
  const entries = [...desired.entries].sort((a, b) => a.hostname.localeCompare(b.hostname));

  // 1. The server that holds the routes, when it does not exist yet.
  if (entries.length > 0 && !isObject(model.get(serverPath))) {
    const op = isObject(model.get(["apps", "http"]))
      ? model.createAt(serverPath, buildServer(server, []))
      : model.createAt(["apps", "http"], buildHttpApp(server, []));
    changes.push({ action: "create", kind: "server", id: server.name, summary: `server "${server.name}" listening on ${server.listen.join(", ")}`, ops: [op] });
  }

  // 2. User-supplied certificates, before the routes that need them.
  const wantedCerts = new Set<string>();
  for (const e of entries) {
    if (e.tls.mode !== "certificate") continue;
    const value = buildLoadedCertificate(e.routeId, e.tls.certificatePem, e.tls.keyPem);
    const id = value["@id"] as string;
    wantedCerts.add(id);
    const current = observed.certificates.get(id);
    const base = { kind: "certificate" as const, id, routeId: e.routeId, hostname: e.hostname, summary: `certificate for ${e.hostname} (user-supplied)` };
    if (!current) changes.push({ ...base, action: "create", ops: [model.insert(LOAD_PEM_PATH, value, false)] });
    else if (!jsonEqual(current, value)) changes.push({ ...base, action: "update", ops: [{ method: "PATCH", path: idPath(id), body: value }] });
    else unchanged.push(id);
  }

  // 3. One internal-CA policy for every hostname that uses Caddy's local CA, including kept
  //    entries that used it (so they do not fall back to ACME).
  const keep = new Set(desired.keepRouteIds ?? []);
  const observedSubjects = new Set(Array.isArray(observed.policy?.subjects) ? (observed.policy.subjects as string[]) : []);
  const keptInternal = [...observed.routes]
    .filter(([id]) => keep.has(id.slice(ROUTE_ID_PREFIX.length)))
    .map(([, r]) => (r.value.match as { host?: string[] }[] | undefined)?.[0]?.host?.[0])
    .filter((h): h is string => !!h && observedSubjects.has(h));
  const internal = [...entries.filter((e) => e.tls.mode === "internal").map((e) => e.hostname), ...keptInternal];
  if (internal.length > 0) {
    const value = buildInternalTlsPolicy(internal);
    const summary = `internal CA for ${internal.length} hostname${internal.length === 1 ? "" : "s"}`;
    if (!observed.policy) {
      const op = model.insert(POLICIES_PATH, value, true);
      changes.push({ action: "create", kind: "tls-policy", id: TLS_POLICY_ID, summary, ops: [op] });
    } else if (!jsonEqual(observed.policy, value)) {
      changes.push({ action: "update", kind: "tls-policy", id: TLS_POLICY_ID, summary, ops: [{ method: "PATCH", path: idPath(TLS_POLICY_ID), body: value }] });
    } else unchanged.push(TLS_POLICY_ID);
  }

  // 4. Routes: insert new ones at the front, replace changed ones in place.
  const wantedRoutes = new Set<string>();
  for (const e of entries) {
    const value = buildCaddyRoute(e);
    const id = value["@id"] as string;
    wantedRoutes.add(id);
    const current = observed.routes.get(id);
    const base = { kind: "route" as const, id, routeId: e.routeId, hostname: e.hostname, summary: describeRoute(e.hostname, e.upstream.dial, e.upstream.tls) };
    if (current && current.server === server.name && jsonEqual(current.value, value)) {
      unchanged.push(id);
    } else if (current && current.server === server.name) {
      changes.push({ ...base, action: "update", ops: [{ method: "PATCH", path: idPath(id), body: value }] });
    } else if (current) {
      // Moved to another server (the settings changed): remove, then insert where it belongs.
      changes.push({ ...base, action: "update", ops: [{ method: "DELETE", path: idPath(id) }, model.insert(routesPath, value, true)] });
    } else {
      changes.push({ ...base, action: "create", ops: [model.insert(routesPath, value, true)] });
    }
  }

  // 5. Removals last, routes before the TLS objects they relied on.
  for (const [id, r] of observed.routes) {
    if (wantedRoutes.has(id) || keep.has(id.slice(ROUTE_ID_PREFIX.length))) continue;
    const host = (r.value.match as { host?: string[] }[] | undefined)?.[0]?.host?.[0];
    changes.push({ action: "delete", kind: "route", id, routeId: id.slice(ROUTE_ID_PREFIX.length), hostname: host, summary: `route ${host ?? id}`, ops: [{ method: "DELETE", path: idPath(id) }] });
  }
  if (internal.length === 0 && observed.policy) {
    changes.push({ action: "delete", kind: "tls-policy", id: TLS_POLICY_ID, summary: "internal CA policy (no hostname uses it)", ops: [{ method: "DELETE", path: idPath(TLS_POLICY_ID) }] });
  }
  for (const id of observed.certificates.keys()) {
    if (wantedCerts.has(id) || keep.has(id.slice(CERT_ID_PREFIX.length))) continue;
    changes.push({ action: "delete", kind: "certificate", id, routeId: id.slice(CERT_ID_PREFIX.length), summary: `certificate ${id}`, ops: [{ method: "DELETE", path: idPath(id) }] });
  }
  return { changes, unchanged };
}
