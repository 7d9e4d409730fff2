// Cloudflare DNS (API v4): /zones?name= to find the zone id, then /zones/{id}/dns_records with a
// Bearer API token. Answers are `{ success, errors: [{ code, message }], messages, result,
// result_info }`; 429 carries Retry-After. Ownership: the record's `comment` holds the mark.
import { z } from "zod";
import { DnsProviderError } from "../../errors";
import { cloudflareDescriptor, type CloudflareSettings } from "./descriptor";
import { OWNERSHIP_MARK, type DnsProviderDefinition, type ObservedRecordSet, type RecordType } from "../../types";
import { applySequentially, httpRequest, parseAnswer, throwForStatus, type HttpResponse } from "../http";

const what = "Cloudflare";
/** Records per listing page (pages of 500 keep each answer small). */
const PAGE_SIZE = 500;
/** Upper bound on pages read, so a misbehaving API cannot keep us looping. */
const MAX_PAGES = 200;
export const CLOUDFLARE_COMMENT = `${OWNERSHIP_MARK} (managed by Homeport)`;

const MessageSchema = z.object({ code: z.number().optional(), message: z.string().optional() }).passthrough();
/** Cloudflare's v4 envelope; `result` is checked per call. */
const EnvelopeSchema = z.object({
  success: z.boolean().optional(),
  errors: z.array(MessageSchema).optional(),
  result: z.unknown(),
  result_info: z.object({ page: z.number().optional(), total_pages: z.number().optional() }).nullable().optional(),
});
type Envelope<T> = Omit<z.infer<typeof EnvelopeSchema>, "result"> & { result: T };

const CfRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  content: z.string(),
  ttl: z.number(),
  comment: z.string().nullable().optional(),
}).passthrough();
type CfRecord = z.infer<typeof CfRecordSchema>;
const ZoneListSchema = z.array(z.object({ id: z.string(), name: z.string() }).passthrough());

const detail = (res: HttpResponse) => {
  const env = EnvelopeSchema.safeParse(res.json);
  return env.success ? env.data.errors?.map((e) => `${e.message ?? "error"} (${e.code ?? "?"})`).join("; ") : undefined;
};

async function call<T>(s: CloudflareSettings, method: string, path: string, body: unknown, signal: AbortSignal | undefined, result: z.ZodType<T>): Promise<Envelope<T>> {
  const res = await httpRequest(`${s.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${s.apiToken}`, accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal,
    what,
  });
  throwForStatus(res, what, detail);
  const env = parseAnswer(EnvelopeSchema, res.json, what);
  if (env.success !== true) throw new DnsProviderError("rejected", `${what}: ${detail(res) || "the request did not succeed"}`);
  return { ...env, result: parseAnswer(result, env.result, what) };
}

async function zoneId(s: CloudflareSettings, zone: string, signal?: AbortSignal): Promise<string> {
  const env = await call(s, "GET", `/zones?name=${encodeURIComponent(zone)}`, undefined, signal, ZoneListSchema.nullable());
  const id = env.result?.find((z) => z.name === zone)?.id;
  if (!id) throw new DnsProviderError("rejected", `${what} has no zone ${zone} for this token`);
  return id;
}

async function listAll(s: CloudflareSettings, zid: string, signal?: AbortSignal): Promise<CfRecord[]> {
  const out: CfRecord[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const env = await call(s, "GET", `/zones/${zid}/dns_records?per_page=${PAGE_SIZE}&page=${page}`, undefined, signal, z.array(CfRecordSchema).nullable());
    out.push(...(env.result ?? []));
    if (page >= (env.result_info?.total_pages ?? 1)) break;
  }
  return out;
}

/** Groups Cloudflare records into sets (owned by comment), keeping their ids for updates. */
export function cloudflareToSets(records: CfRecord[]): ObservedRecordSet[] {
  const sets = new Map<string, ObservedRecordSet>();
  for (const r of records) {
    if (!["A", "AAAA", "CNAME"].includes(r.type)) continue;
    const owned = (r.comment ?? "").includes(OWNERSHIP_MARK);
    const name = r.name.toLowerCase();
    const key = `${name}|${r.type}|${owned}`;
    const set = sets.get(key) ?? { name, type: r.type as RecordType, values: [], ttl: r.ttl, owned, ids: [] };
    set.values.push(r.type === "CNAME" ? r.content.toLowerCase().replace(/\.$/, "") : r.content.toLowerCase());
    set.ids!.push(r.id);
    sets.set(key, set);
  }
  return [...sets.values()].map((s) => {
    const order = s.values.map((v, i) => [v, s.ids![i]!] as const).sort((a, b) => a[0].localeCompare(b[0]));
    return { ...s, values: order.map((o) => o[0]), ids: order.map((o) => o[1]) };
  });
}

export const cloudflareProvider: DnsProviderDefinition<CloudflareSettings> = {
  ...cloudflareDescriptor,
  async listRecords(ctx, zone) {
    return cloudflareToSets(await listAll(ctx.settings, await zoneId(ctx.settings, zone.name, ctx.signal), ctx.signal));
  },
  async applyChanges(ctx, zone, changes) {
    const zid = await zoneId(ctx.settings, zone.name, ctx.signal);
    const base = `/zones/${zid}/dns_records`;
    return applySequentially(changes, async (c) => {
      const ids = [...(c.before?.ids ?? [])];
      const body = (content: string) => ({ type: c.type, name: c.name, content, ttl: c.after!.ttl, proxied: false, comment: CLOUDFLARE_COMMENT });
      for (const v of c.after?.values ?? []) {
        const id = ids.shift();
        if (id) await call(ctx.settings, "PUT", `${base}/${id}`, body(v), ctx.signal, z.unknown());
        else await call(ctx.settings, "POST", base, body(v), ctx.signal, z.unknown());
      }
      for (const id of ids) await call(ctx.settings, "DELETE", `${base}/${id}`, undefined, ctx.signal, z.unknown());
    });
  },
  async testConnection(ctx, zone) {
    if (!zone) {
      await call(ctx.settings, "GET", "/user/tokens/verify", undefined, ctx.signal, z.unknown());
      return "Cloudflare accepted the API token";
    }
    await zoneId(ctx.settings, zone.name, ctx.signal);
    return `Cloudflare has zone ${zone.name} for this token`;
  },
};
