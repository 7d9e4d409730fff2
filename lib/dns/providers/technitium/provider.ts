// Technitium DNS Server: /api/zones/records/get|add|delete with an API `token`, POSTed as form
// data (so the token stays out of URLs and logs). Every answer is HTTP 200 with `status` "ok",
// "error" (with `errorMessage`) or "invalid-token". Ownership: the record's `comments` field holds
// the mark.
import { z } from "zod";
import { DnsProviderError } from "../../errors";
import { technitiumDescriptor, type TechnitiumSettings } from "./descriptor";
import { OWNERSHIP_MARK, type DnsProviderDefinition, type ObservedRecordSet, type RecordType } from "../../types";
import { applySequentially, httpRequest, parseAnswer, throwForStatus } from "../http";

const what = (s: TechnitiumSettings) => `Technitium at ${s.url}`;

const TechnitiumRecordSchema = z.object({
  name: z.string(),
  type: z.string(),
  ttl: z.number(),
  disabled: z.boolean().optional(),
  comments: z.string().nullable().optional(),
  rData: z.object({ ipAddress: z.string().optional(), cname: z.string().optional() }).passthrough(),
});
type TechnitiumRecord = z.infer<typeof TechnitiumRecordSchema>;
/** Every answer: `status` ok / error / invalid-token, and for ok a `response` object. */
const AnswerSchema = z.object({ status: z.string().optional(), errorMessage: z.string().nullable().optional(), response: z.record(z.string(), z.unknown()).optional() });
const ListSchema = z.object({ records: z.array(TechnitiumRecordSchema).optional() });

async function call(s: TechnitiumSettings, path: string, params: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const res = await httpRequest(`${s.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ token: s.token, ...params }).toString(),
    signal,
    what: what(s),
  });
  throwForStatus(res, what(s), (r) => AnswerSchema.safeParse(r.json).data?.errorMessage ?? undefined);
  const parsed = AnswerSchema.safeParse(res.json);
  const body = parsed.success ? parsed.data : undefined;
  if (!body?.status) throw new DnsProviderError("unavailable", `${what(s)} answered something that is not its API (HTTP ${res.status})`);
  if (body.status === "invalid-token") throw new DnsProviderError("unauthorized", `${what(s)} refused the API token: ${body.errorMessage ?? "invalid token"}`);
  if (body.status !== "ok") throw new DnsProviderError("rejected", `${what(s)}: ${body.errorMessage ?? body.status}`);
  return body.response ?? {};
}

/** Groups Technitium's records into sets, owned when their comment carries the mark. */
export function technitiumToSets(records: TechnitiumRecord[]): ObservedRecordSet[] {
  const sets = new Map<string, ObservedRecordSet>();
  for (const r of records) {
    if (r.disabled || !["A", "AAAA", "CNAME"].includes(r.type)) continue;
    const value = r.type === "CNAME" ? (r.rData.cname ?? "").toLowerCase().replace(/\.$/, "") : (r.rData.ipAddress ?? "").toLowerCase();
    if (!value) continue;
    const owned = (r.comments ?? "").includes(OWNERSHIP_MARK);
    const name = r.name.toLowerCase().replace(/\.$/, "");
    const key = `${name}|${r.type}|${owned}`;
    const set = sets.get(key) ?? { name, type: r.type as RecordType, values: [], ttl: r.ttl, owned };
    if (!set.values.includes(value)) set.values.push(value);
    sets.set(key, set);
  }
  return [...sets.values()].map((s) => ({ ...s, values: s.values.sort() }));
}

const valueParam = (type: RecordType, v: string): Record<string, string> => (type === "CNAME" ? { cname: v } : { ipAddress: v });

async function list(s: TechnitiumSettings, zone: string, signal?: AbortSignal): Promise<TechnitiumRecord[]> {
  const r = await call(s, "/api/zones/records/get", { domain: zone, zone, listZone: "true" }, signal);
  return parseAnswer(ListSchema, r, what(s)).records ?? [];
}

export const technitiumProvider: DnsProviderDefinition<TechnitiumSettings> = {
  ...technitiumDescriptor,
  listRecords: async (ctx, zone) => technitiumToSets(await list(ctx.settings, zone.name, ctx.signal)),
  applyChanges: (ctx, zone, changes) =>
    applySequentially(changes, async (c) => {
      const base = { domain: c.name, zone: zone.name, type: c.type };
      // Replace the whole set: delete the old values, add the new ones with the mark.
      for (const v of c.before?.values ?? []) await call(ctx.settings, "/api/zones/records/delete", { ...base, ...valueParam(c.type, v) }, ctx.signal);
      for (const v of c.after?.values ?? []) {
        await call(ctx.settings, "/api/zones/records/add", { ...base, ttl: String(c.after!.ttl), ...valueParam(c.type, v), comments: OWNERSHIP_MARK }, ctx.signal);
      }
    }),
  async testConnection(ctx, zone) {
    if (!zone) {
      await call(ctx.settings, "/api/zones/list", {}, ctx.signal);
      return `${what(ctx.settings)} accepted the token`;
    }
    return `${what(ctx.settings)} answered: ${(await list(ctx.settings, zone.name, ctx.signal)).length} records in ${zone.name}`;
  },
};
