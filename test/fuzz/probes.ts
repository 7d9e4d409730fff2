// The cases as fixed probes, sent before the random ones: `%zz` (and a lone `%`) in every
// {id} route, a URL validator that threw, unknown paths, wrong methods, OPTIONS, the agent socket
// asked without an upgrade, a malformed query.
import type { CredentialKind } from "./credentials";
import type { Answer } from "./http";
import type { Operation } from "./operations";
import { errorIn } from "./checks";

export interface ProbeResult {
  name: string;
  status: number;
  code: string | null;
  allow: string | null;
  expected: number;
  ok: boolean;
}

export type ProbeSend = (cred: CredentialKind, method: string, path: string, body?: unknown) => Promise<Answer>;

interface Probe {
  name: string;
  cred: CredentialKind;
  method: string;
  path: string;
  body?: unknown;
  expected: number;
  code?: string;
  allow?: boolean;
}

export function probeList(ops: Operation[]): Probe[] {
  const withParams = ops.filter((o) => o.params.length > 0);
  const escapes: Probe[] = withParams.flatMap((o) => ["%zz", "%"].map((bad) => ({
    name: `${o.method} ${o.template} with ${bad}`,
    cred: "admin" as const,
    method: o.method,
    path: o.params.reduce((p, name) => p.replace(`{${name}}`, bad), o.template),
    body: o.method === "GET" || o.method === "DELETE" ? undefined : {},
    expected: 400,
    code: "bad_request",
  })));
  return [
    ...escapes,
    { name: "adminUrl \"::1\" (a validator that threw)", cred: "admin", method: "PATCH", path: "/api/v1/ingress/settings", body: { adminUrl: "::1" }, expected: 422, code: "invalid" },
    { name: "route upstream \"::1\"", cred: "admin", method: "POST", path: "/api/v1/routes", body: { hostname: "probe.home.arpa", upstreamUrl: "::1" }, expected: 422, code: "invalid" },
    { name: "pi-hole URL \"::1\"", cred: "admin", method: "POST", path: "/api/v1/dns/providers", body: { name: "probe", kind: "pihole", settings: { url: "::1", password: "x" } }, expected: 422, code: "invalid" },
    { name: "unknown /api path", cred: "admin", method: "GET", path: "/api/v1/nope", expected: 404, code: "not_found" },
    { name: "/api itself", cred: "none", method: "GET", path: "/api", expected: 404, code: "not_found" },
    { name: "unknown path under an id", cred: "admin", method: "GET", path: "/api/v1/services/x/nope", expected: 404, code: "not_found" },
    { name: "wrong method on /api/health", cred: "none", method: "PUT", path: "/api/health", expected: 405, code: "method_not_allowed", allow: true },
    { name: "wrong method on a static route next to {id}", cred: "admin", method: "DELETE", path: "/api/v1/checks/incidents", expected: 405, code: "method_not_allowed", allow: true },
    { name: "OPTIONS", cred: "none", method: "OPTIONS", path: "/api/v1/services", expected: 204, allow: true },
    { name: "agent socket without an upgrade", cred: "none", method: "GET", path: "/api/agent", expected: 426, code: "upgrade_required" },
    { name: "malformed query", cred: "admin", method: "GET", path: "/api/v1/services?limit=%zz", expected: 400, code: "bad_request" },
    { name: "dot segments", cred: "admin", method: "GET", path: "/api/v1/services/%2e%2e", expected: 400, code: "bad_request" },
  ];
}

export async function fixedProbes(ops: Operation[], send: ProbeSend): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  for (const p of probeList(ops)) {
    const a = await send(p.cred, p.method, p.path, p.body);
    const code = errorIn(a.text)?.code ?? null;
    const allow = typeof a.headers.allow === "string" ? a.headers.allow : null;
    const ok = a.status === p.expected && (p.code === undefined || code === p.code) && (!p.allow || allow !== null);
    out.push({ name: p.name, status: a.status, code, allow, expected: p.expected, ok });
  }
  return out;
}
