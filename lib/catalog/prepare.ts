// Everything an install needs, checked before anything is written: the template, the host, the
// values (422 keyed by variable), the rendered stack (it must load under the chosen name), names
// already taken (409: the stack, its services, the hostname), where the route and checks will
// point, and whether the host's policy gives the app its GPUs.
import type { Db } from "@/lib/db";
import { DomainError, conflict, notFound, type FieldIssue } from "@/lib/errors";
import { hostRows } from "@/lib/inventory";
import { CheckCreateSchema, type CheckCreateInput } from "@/lib/probes";
import { HostPolicySchema } from "@/lib/protocol";
import { loadStack } from "@/lib/stacks";
import { findTemplate, type LoadedTemplate } from "./loader";
import { renderInstall, type RenderedInstall } from "./render";
import type { CatalogInstallInput, Template } from "./schemas";

/** Seconds between probes of a check an install creates. */
export const CATALOG_CHECK_INTERVAL_SEC = 60;
export const CATALOG_CHECK_TIMEOUT_MS = 10_000;

/** What the stacks' loader gives for a file that loads. */
export type LoadedStack = Extract<ReturnType<typeof loadStack>, { ok: true }>;
type Service = LoadedStack["services"][number];
type PortMapping = Service["ports"][number];

export interface PlannedCheck {
  name: string;
  type: "http" | "tcp";
  target: string;
  /** Where it runs from, in words. */
  from: string;
  input: CheckCreateInput;
}

export interface PreparedInstall {
  app: LoadedTemplate;
  input: CatalogInstallInput;
  host: { id: string; name: string; addresses: string[] };
  egress: "open" | "offline";
  gpus: boolean;
  rendered: RenderedInstall;
  loaded: LoadedStack;
  route: { hostname: string; exposure: CatalogInstallInput["exposure"]; service: string; serviceName: string; port: number; dial: string | null } | null;
  checks: PlannedCheck[];
  skippedChecks: { name: string; reason: string }[];
}

/**
 * The GPU seam: whether this install's services ask for the host's GPUs. Only templates marked
 * `gpu: optional`, and only when the policy the host's agent reported allows GPU requests (an agent
 * that reported none is taken to allow nothing extra).
 */
export function gpusForInstall(t: Pick<Template, "gpu">, agentPolicy: unknown): boolean {
  if (t.gpu !== "optional") return false;
  const policy = HostPolicySchema.safeParse(agentPolicy ?? undefined);
  return policy.success && policy.data.allowGpus;
}

/** Where a published port answers: its own address, or the host's first LAN address for 0.0.0.0. */
export function dialAddress(port: PortMapping, hostAddresses: string[]): string | null {
  if (port.host === undefined) return null;
  const ip = port.hostIp ?? "127.0.0.1";
  const address = ip === "0.0.0.0" || ip === "::" ? hostAddresses[0] : ip;
  return address ? `${address.includes(":") ? `[${address}]` : address}:${port.host}` : null;
}

function publishedDial(svc: Service | undefined, containerPort: number, hostAddresses: string[]): string | null {
  const p = svc?.ports.find((x) => x.container === containerPort && x.host !== undefined);
  return p ? dialAddress(p, hostAddresses) : null;
}

const LOOPBACK = /^(?:127\.|\[::1\])/;

/**
 * Which vantage points can reach a check's target: a port published on loopback only from the
 * host's own agent; one on a LAN address from LAN vantage points; the route as its exposure says.
 */
function vantagesFor(dial: string | null, exposure: CatalogInstallInput["exposure"] | null, host: PreparedInstall["host"]): { vantages: string[]; text: string } {
  if (dial && LOOPBACK.test(dial)) return { vantages: [host.id], text: `from ${host.name}'s agent (the port is published on loopback)` };
  if (dial || exposure === "lan") return { vantages: ["kind:lan"], text: "from LAN vantage points" };
  if (exposure === "remote") return { vantages: ["kind:remote"], text: "from remote vantage points" };
  return { vantages: [], text: "from every vantage point" };
}

function planChecks(p: Pick<PreparedInstall, "app" | "input" | "loaded" | "host" | "route">): Pick<PreparedInstall, "checks" | "skippedChecks"> {
  const checks: PlannedCheck[] = [];
  const skippedChecks: { name: string; reason: string }[] = [];
  const services = new Map(p.loaded.services.map((s) => [s.key, s]));
  for (const c of p.app.template.checks) {
    const dial = publishedDial(services.get(c.service), c.port, p.host.addresses);
    const viaRoute = !dial && p.route && p.route.service === c.service && p.route.port === c.port ? p.route.hostname : null;
    if (!dial && !viaRoute) {
      skippedChecks.push({ name: c.name, reason: p.route ? `port ${c.port} is not published on an address Homeport knows` : `port ${c.port} is not published on an address Homeport knows, and no hostname was given` });
      continue;
    }
    const from = vantagesFor(dial, viaRoute ? p.route!.exposure : null, p.host);
    const common = { name: `${p.input.stackName}: ${c.name}`, intervalSec: CATALOG_CHECK_INTERVAL_SEC, timeoutMs: CATALOG_CHECK_TIMEOUT_MS, enabled: false, groupName: p.input.stackName, tags: [p.app.template.id], vantages: from.vantages };
    const expectStatus = c.expectStatus ? { min: c.expectStatus, max: c.expectStatus } : undefined;
    let raw: unknown;
    if (c.type === "tcp") {
      const host = dial ? dial.replace(/:\d+$/, "").replace(/^\[|\]$/g, "") : viaRoute!;
      raw = { ...common, type: "tcp", target: { host, port: dial ? Number(dial.split(":").pop()) : 443 } };
    } else if (dial) {
      raw = { ...common, type: "http", target: { url: `http://${dial}${c.path ?? "/"}`, ...(expectStatus && { expectStatus }) } };
    } else {
      // Through Homeport's proxy, whose certificate is usually from Caddy's own CA.
      raw = { ...common, type: "https", target: { url: `https://${viaRoute}${c.path ?? "/"}`, verifyTls: false, ...(expectStatus && { expectStatus }) } };
    }
    const parsed = CheckCreateSchema.safeParse(raw);
    if (!parsed.success) {
      skippedChecks.push({ name: c.name, reason: parsed.error.issues[0]?.message ?? "the target is refused" });
      continue;
    }
    const t = parsed.data.target as { url?: string; host?: string; port?: number };
    checks.push({ name: c.name, type: c.type, target: t.url ?? `${t.host}:${t.port}`, from: from.text, input: parsed.data });
  }
  return { checks, skippedChecks };
}

function invalid(issues: FieldIssue[]): DomainError {
  const first = issues[0]!;
  return new DomainError("invalid", `${first.path.replace(/^values\./, "")}: ${first.message}`, { issues });
}

export async function prepareInstall(db: Db, id: string, input: CatalogInstallInput, opts: { placeholders: boolean }): Promise<PreparedInstall> {
  const app = findTemplate(id);
  if (!app) throw notFound("App template");
  const row = await db.host.findUnique({ where: { id: input.hostId }, select: { id: true, name: true, revokedAt: true, addresses: true, agentPolicy: true } });
  if (!row || row.revokedAt) throw new DomainError("invalid", "The chosen host does not exist", { issues: [{ path: "hostId", message: "unknown host" }] });
  const hostCols = hostRows.columns(row);
  const host = { id: row.id, name: row.name, addresses: hostCols.addresses };
  const egress = input.egress ?? app.template.egress;
  const gpus = gpusForInstall(app.template, hostCols.agentPolicy);
  const rendered = renderInstall(app.template, app.compose, { values: input.values, egress, gpus }, { placeholders: opts.placeholders });
  if (rendered.issues.length) throw invalid(rendered.issues);
  const loaded = loadStack({ name: input.stackName, compose: rendered.compose, env: rendered.env });
  if (!loaded.ok) {
    throw invalid(loaded.errors.map((e) => ({ path: /name .* is not valid/.test(e.message) ? "stackName" : `compose:${e.path}`, message: e.message })));
  }
  // Names are global: the stack's, its services' (`<stack>-<key>`), the route's hostname.
  if (await db.stack.findUnique({ where: { name: input.stackName }, select: { id: true } })) throw conflict(`A stack named "${input.stackName}" already exists; choose another name`);
  const taken = await db.service.findFirst({ where: { name: { in: loaded.services.map((s) => s.name) } }, select: { name: true } });
  if (taken) throw conflict(`A service named "${taken.name}" already exists; choose another stack name`);
  let route: PreparedInstall["route"] = null;
  const r = app.template.route;
  if (input.hostname && r) {
    const owner = await db.route.findUnique({ where: { hostname: input.hostname }, select: { service: { select: { name: true } }, upstreamUrl: true } });
    if (owner) throw conflict(`${input.hostname} is already routed to ${owner.service ? `service "${owner.service.name}"` : owner.upstreamUrl ?? "another target"}; choose another hostname`);
    const svc = loaded.services.find((s) => s.key === r.service);
    route = { hostname: input.hostname, exposure: input.exposure, service: r.service, serviceName: svc?.name ?? r.service, port: r.port, dial: publishedDial(svc, r.port, host.addresses) };
  } else if (input.hostname) {
    throw new DomainError("invalid", `${app.template.name} has no web UI to route a hostname to`, { issues: [{ path: "hostname", message: "this app takes no hostname" }] });
  }
  const base = { app, input, host, egress, gpus, rendered, loaded, route };
  return { ...base, ...planChecks(base) };
}
