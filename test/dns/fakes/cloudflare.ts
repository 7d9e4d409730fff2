// Contract fake of Cloudflare's API v4 for DNS: GET /zones?name=, GET/POST
// /zones/{id}/dns_records (paginated, result_info), PUT/DELETE /zones/{id}/dns_records/{rid},
// GET /user/tokens/verify. Envelope `{ success, errors: [{ code, message }], messages, result }`;
// 403 code 10000 for a bad token; 429 code 971 with Retry-After; 400 for invalid content (9005),
// TTL (9021), identical record (81058) and CNAME clashes (81053); 404 code 81044 for a missing record.
import { randomBytes } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { startFake, takeRateLimit, type FakeReply, type FakeServer, type FaultSwitches } from "./base";

export interface CfRecord {
  id: string;
  name: string;
  type: string;
  content: string;
  ttl: number;
  proxied: boolean;
  comment: string | null;
}

export interface CloudflareFake extends FakeServer, FaultSwitches {
  records: CfRecord[];
  zoneId: string;
}

const fail = (status: number, code: number, message: string): FakeReply => ({ status, body: { success: false, errors: [{ code, message }], messages: [], result: null } });
const ok = (result: unknown, info?: unknown): FakeReply => ({ status: 200, body: { success: true, errors: [], messages: [], result, ...(info ? { result_info: info } : {}) } });

export async function startCloudflareFake(opts: { token: string; zone: string; records?: Omit<CfRecord, "id">[] }): Promise<CloudflareFake> {
  const zoneId = randomBytes(16).toString("hex");
  const state = { zoneId, records: (opts.records ?? []).map((r) => ({ ...r, id: randomBytes(16).toString("hex") })), rateLimitNext: 0, rateLimitAfter: 0 };
  const validate = (b: Partial<CfRecord>, selfId?: string): FakeReply | undefined => {
    if (!b.type || !b.name || b.content === undefined) return fail(400, 9000, "DNS record type, name and content are required");
    if (!(b.name === opts.zone || b.name.endsWith(`.${opts.zone}`))) return fail(400, 9007, "Name must be in the zone");
    if (b.type === "A" && !isIPv4(b.content)) return fail(400, 9005, "Content for A record is invalid. Must be a valid IPv4 address");
    if (b.type === "AAAA" && !isIPv6(b.content)) return fail(400, 9006, "Content for AAAA record is invalid. Must be a valid IPv6 address");
    if (b.ttl !== undefined && b.ttl !== 1 && (b.ttl < 60 || b.ttl > 86400)) return fail(400, 9021, "Invalid TTL. Must be between 60 and 86400 seconds, or 1 for Automatic");
    if (b.comment && b.comment.length > 100) return fail(400, 9102, "Comment length exceeds 100 characters");
    const others = state.records.filter((r) => r.id !== selfId && r.name === b.name);
    if (others.some((r) => r.type === b.type && r.content === b.content)) return fail(400, 81058, "An identical record already exists.");
    if (others.some((r) => r.type === "CNAME" || b.type === "CNAME")) return fail(400, 81053, "An A, AAAA, or CNAME record with that host already exists.");
    return undefined;
  };
  const server = await startFake((req) => {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return fail(403, 10000, "Authentication error");
    if (takeRateLimit(state)) return { ...fail(429, 971, "Please wait and consider throttling your request speed"), headers: { "retry-after": "5" } };
    if (req.method === "GET" && req.path === "/user/tokens/verify") return ok({ id: "tok", status: "active" });
    if (req.method === "GET" && req.path === "/zones") {
      const name = req.query.get("name");
      return ok(name === opts.zone || !name ? [{ id: zoneId, name: opts.zone, status: "active" }] : [], { page: 1, per_page: 20, count: 1, total_count: 1, total_pages: 1 });
    }
    const m = /^\/zones\/([^/]+)\/dns_records(?:\/([^/]+))?$/.exec(req.path);
    if (!m) return fail(404, 7003, "Could not route to the path");
    if (m[1] !== zoneId) return fail(404, 7003, "Could not route to /zones/…, perhaps your object identifier is invalid?");
    const rid = m[2];
    const body = () => JSON.parse(req.body || "{}") as Partial<CfRecord>;
    if (!rid && req.method === "GET") {
      const perPage = Math.min(5_000_000, Number(req.query.get("per_page") ?? 100));
      const page = Number(req.query.get("page") ?? 1);
      const slice = state.records.slice((page - 1) * perPage, page * perPage);
      return ok(slice, { page, per_page: perPage, count: slice.length, total_count: state.records.length, total_pages: Math.max(1, Math.ceil(state.records.length / perPage)) });
    }
    if (!rid && req.method === "POST") {
      const b = body();
      const bad = validate(b);
      if (bad) return bad;
      const rec: CfRecord = { id: randomBytes(16).toString("hex"), name: b.name!, type: b.type!, content: b.content!, ttl: b.ttl ?? 1, proxied: b.proxied ?? false, comment: b.comment ?? null };
      state.records.push(rec);
      return ok(rec);
    }
    const i = state.records.findIndex((r) => r.id === rid);
    if (i < 0) return fail(404, 81044, "Record does not exist.");
    if (req.method === "PUT") {
      const b = body();
      const bad = validate(b, rid);
      if (bad) return bad;
      state.records[i] = { id: rid!, name: b.name!, type: b.type!, content: b.content!, ttl: b.ttl ?? 1, proxied: b.proxied ?? false, comment: b.comment ?? null };
      return ok(state.records[i]);
    }
    if (req.method === "DELETE") {
      state.records.splice(i, 1);
      return ok({ id: rid });
    }
    return fail(405, 10405, "Method not allowed");
  });
  return Object.assign(state, server);
}
