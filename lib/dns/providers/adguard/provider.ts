// AdGuard Home: DNS rewrites (`{ domain, answer }`, answer an IP for A/AAAA or a name for a
// CNAME) through /control/rewrite/list|add|delete|update with HTTP basic auth. Errors come back as
// plain text. No field for a mark: ownership is Homeport's ledger. Rewrites carry no TTL.
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { inZone } from "../../records";
import { adguardDescriptor, type AdguardSettings } from "./descriptor";
import type { DnsProviderDefinition, ObservedRecordSet, RecordType } from "../../types";
import { applySequentially, httpRequest, parseAnswer, throwForStatus, type HttpResponse } from "../http";

const what = (s: AdguardSettings) => `AdGuard Home at ${s.url}`;

const RewriteSchema = z.object({ domain: z.string(), answer: z.string(), enabled: z.boolean().optional() });
type Rewrite = z.infer<typeof RewriteSchema>;
/** AdGuard Home answers `null` for an empty list. */
const ListSchema = z.array(RewriteSchema).nullable();

async function call(s: AdguardSettings, method: string, path: string, body: unknown, signal?: AbortSignal): Promise<HttpResponse> {
  const auth = Buffer.from(`${s.username}:${s.password}`).toString("base64");
  const res = await httpRequest(`${s.url}${path}`, {
    method,
    headers: { authorization: `Basic ${auth}`, accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal,
    what: what(s),
  });
  throwForStatus(res, what(s), (r) => r.text.trim() || undefined);
  return res;
}

const typeOf = (answer: string): RecordType | undefined => (isIPv4(answer) ? "A" : isIPv6(answer) ? "AAAA" : /^[a-z0-9.-]+$/i.test(answer) && answer !== "A" && answer !== "AAAA" ? "CNAME" : undefined);

/** Groups rewrites into record sets; wildcard and special (`A`, `AAAA`) answers are skipped. */
export function rewritesToSets(rewrites: Rewrite[]): ObservedRecordSet[] {
  const sets = new Map<string, ObservedRecordSet>();
  for (const r of rewrites) {
    if (r.enabled === false || r.domain.startsWith("*")) continue;
    const type = typeOf(r.answer);
    if (!type) continue;
    const name = r.domain.toLowerCase().replace(/\.$/, "");
    const key = `${name}|${type}`;
    const set = sets.get(key) ?? { name, type, values: [], ttl: 0 };
    const v = type === "CNAME" ? r.answer.toLowerCase().replace(/\.$/, "") : r.answer.toLowerCase();
    if (!set.values.includes(v)) set.values.push(v);
    sets.set(key, set);
  }
  return [...sets.values()].map((s) => ({ ...s, values: s.values.sort() }));
}

async function list(s: AdguardSettings, signal?: AbortSignal): Promise<Rewrite[]> {
  const res = await call(s, "GET", "/control/rewrite/list", undefined, signal);
  return parseAnswer(ListSchema, res.json ?? null, what(s)) ?? [];
}

export const adguardProvider: DnsProviderDefinition<AdguardSettings> = {
  ...adguardDescriptor,
  listRecords: async (ctx, zone) => rewritesToSets(await list(ctx.settings, ctx.signal)).filter((r) => inZone(r.name, zone.name)),
  applyChanges: (ctx, _zone, changes) =>
    applySequentially(changes, async (c) => {
      const before = [...(c.before?.values ?? [])];
      const after = [...(c.after?.values ?? [])];
      const removed = before.filter((v) => !after.includes(v));
      const added = after.filter((v) => !before.includes(v));
      // Pair removed and added answers into in-place updates; the rest are plain deletes and adds.
      while (removed.length > 0 && added.length > 0) {
        await call(ctx.settings, "PUT", "/control/rewrite/update", { target: { domain: c.name, answer: removed.shift() }, update: { domain: c.name, answer: added.shift() } }, ctx.signal);
      }
      for (const v of removed) await call(ctx.settings, "POST", "/control/rewrite/delete", { domain: c.name, answer: v }, ctx.signal);
      for (const v of added) await call(ctx.settings, "POST", "/control/rewrite/add", { domain: c.name, answer: v }, ctx.signal);
    }),
  testConnection: async (ctx) => `${what(ctx.settings)} answered: ${(await list(ctx.settings, ctx.signal)).length} rewrites`,
};
