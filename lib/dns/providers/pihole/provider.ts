// Pi-hole v6 (FTL's REST API): local DNS records live in the config arrays `dns.hosts`
// ("<ip> <name>…") and `dns.cnameRecords` ("<alias>,<target>[,<ttl>]"), changed item by item with
// PUT/DELETE /api/config/dns/<array>/<url-encoded item>. A session comes from POST /api/auth with
// the (app) password and is sent as X-FTL-SID; it is closed with DELETE /api/auth afterwards,
// because Pi-hole has a small number of API seats. No field for a mark: ownership is the ledger.
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { DnsProviderError } from "../../errors";
import { inZone } from "../../records";
import { piholeDescriptor, type PiholeSettings } from "./descriptor";
import type { DnsProviderDefinition, ObservedRecordSet, RecordChange, RecordType } from "../../types";
import { applySequentially, httpRequest, parseAnswer, throwForStatus, type HttpResponse } from "../http";

const what = (s: PiholeSettings) => `Pi-hole at ${s.url}`;

const ErrorSchema = z.object({
  error: z.object({ key: z.string().nullish(), message: z.string().nullish(), hint: z.string().nullish() }).optional(),
  session: z.object({ message: z.string().nullish() }).optional(),
});
const SessionSchema = z.object({ session: z.object({ valid: z.boolean(), sid: z.string().nullable().optional() }) });
const HostsSchema = z.object({ config: z.object({ dns: z.object({ hosts: z.array(z.string()) }) }) });
const CnamesSchema = z.object({ config: z.object({ dns: z.object({ cnameRecords: z.array(z.string()) }) }) });

/** Pi-hole answers errors as `{ error: { key, message, hint } }`; auth failures as `{ session: { message } }`. */
function detail(res: HttpResponse): string | undefined {
  const b = ErrorSchema.safeParse(res.json).data;
  if (b?.error) return [b.error.key, b.error.message, b.error.hint].filter(Boolean).join(": ");
  return b?.session?.message ?? undefined;
}

interface Session {
  sid: string;
  close(): Promise<void>;
}

async function login(s: PiholeSettings, signal?: AbortSignal): Promise<Session> {
  const res = await httpRequest(`${s.url}/api/auth`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: s.password }), signal, what: what(s) });
  throwForStatus(res, what(s), detail);
  const { session } = parseAnswer(SessionSchema, res.json, what(s));
  if (!session.valid || !session.sid) throw new DnsProviderError("unauthorized", `${what(s)} did not open a session`);
  const sid = session.sid;
  return {
    sid,
    async close() {
      await httpRequest(`${s.url}/api/auth`, { method: "DELETE", headers: { "x-ftl-sid": sid }, signal, what: what(s) }).catch(() => undefined);
    },
  };
}

async function withSession<T>(s: PiholeSettings, signal: AbortSignal | undefined, fn: (call: (method: string, path: string) => Promise<HttpResponse>) => Promise<T>): Promise<T> {
  const session = await login(s, signal);
  try {
    return await fn(async (method, path) => {
      const res = await httpRequest(`${s.url}${path}`, { method, headers: { "x-ftl-sid": session.sid, accept: "application/json" }, signal, what: what(s) });
      throwForStatus(res, what(s), detail);
      return res;
    });
  } finally {
    await session.close();
  }
}

/** Parses both config arrays into record sets. */
export function parsePiholeConfig(hosts: string[], cnames: string[]): ObservedRecordSet[] {
  const sets = new Map<string, ObservedRecordSet>();
  const add = (name: string, type: RecordType, value: string, ttl: number) => {
    const key = `${name}|${type}`;
    const set = sets.get(key) ?? { name, type, values: [], ttl };
    if (!set.values.includes(value)) set.values.push(value);
    sets.set(key, set);
  };
  for (const line of hosts) {
    const [ip, ...names] = line.trim().split(/\s+/);
    if (!ip || !(isIPv4(ip) || isIPv6(ip))) continue;
    for (const n of names) add(n.toLowerCase().replace(/\.$/, ""), isIPv4(ip) ? "A" : "AAAA", ip.toLowerCase(), 0);
  }
  for (const line of cnames) {
    const [alias, target, ttl] = line.split(",").map((p) => p.trim());
    if (alias && target) add(alias.toLowerCase(), "CNAME", target.toLowerCase().replace(/\.$/, ""), Number(ttl ?? 0) || 0);
  }
  return [...sets.values()].map((s) => ({ ...s, values: s.values.sort() }));
}

const hostItem = (ip: string, name: string) => `${ip} ${name}`;
const cnameItem = (alias: string, target: string) => `${alias},${target}`;

function itemPath(type: RecordType, name: string, value: string): string {
  return type === "CNAME" ? `/api/config/dns/cnameRecords/${encodeURIComponent(cnameItem(name, value))}` : `/api/config/dns/hosts/${encodeURIComponent(hostItem(value, name))}`;
}

async function fetchConfig(s: PiholeSettings, call: (m: string, p: string) => Promise<HttpResponse>): Promise<ObservedRecordSet[]> {
  const hosts = parseAnswer(HostsSchema, (await call("GET", "/api/config/dns/hosts")).json, what(s)).config.dns.hosts;
  const cnames = parseAnswer(CnamesSchema, (await call("GET", "/api/config/dns/cnameRecords")).json, what(s)).config.dns.cnameRecords;
  return parsePiholeConfig(hosts, cnames);
}

export const piholeProvider: DnsProviderDefinition<PiholeSettings> = {
  ...piholeDescriptor,
  listRecords: (ctx, zone) => withSession(ctx.settings, ctx.signal, async (call) => (await fetchConfig(ctx.settings, call)).filter((r) => inZone(r.name, zone.name))),
  applyChanges: (ctx, _zone, changes) =>
    withSession(ctx.settings, ctx.signal, (call) =>
      applySequentially(changes, async (c: RecordChange) => {
        const before = new Set(c.before?.values ?? []);
        const after = new Set(c.after?.values ?? []);
        for (const v of before) if (!after.has(v)) await call("DELETE", itemPath(c.type, c.name, v));
        for (const v of after) if (!before.has(v)) await call("PUT", itemPath(c.type, c.name, v));
      }),
    ),
  testConnection: (ctx) => withSession(ctx.settings, ctx.signal, async (call) => `${what(ctx.settings)} answered: ${(await fetchConfig(ctx.settings, call)).length} local record sets`),
};
