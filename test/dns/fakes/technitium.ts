// Contract fake of Technitium DNS Server's HTTP API: /api/zones/records/get|add|delete and
// /api/zones/list, parameters as query or form data, `token` required. Always HTTP 200 with
// `status`: "ok" (with `response`), "error" (with `errorMessage`, `stackTrace`) or
// "invalid-token". Records carry `rData` and `comments`. A 429 can be switched on, as a reverse
// proxy in front of it would answer.
import { startFake, takeRateLimit, type FakeServer, type FaultSwitches } from "./base";

export interface TechnitiumRecord {
  name: string;
  type: string;
  ttl: number;
  rData: { ipAddress?: string; cname?: string };
  comments?: string;
  disabled: boolean;
}

export interface TechnitiumFake extends FakeServer, FaultSwitches {
  records: TechnitiumRecord[];
}

const err = (message: string) => ({ status: 200, body: { status: "error", errorMessage: message, stackTrace: "   at DnsServerCore.WebServiceZonesApi…", innerErrorMessage: null } });

export async function startTechnitiumFake(opts: { token: string; zone: string; records?: Omit<TechnitiumRecord, "disabled">[] }): Promise<TechnitiumFake> {
  const state = { records: (opts.records ?? []).map((r) => ({ ...r, disabled: false })), rateLimitNext: 0, rateLimitAfter: 0 };
  const server = await startFake((req) => {
    const p = new URLSearchParams(req.query);
    if (req.method === "POST" && /x-www-form-urlencoded/.test(String(req.headers["content-type"]))) for (const [k, v] of new URLSearchParams(req.body)) p.set(k, v);
    if (takeRateLimit(state)) return { status: 429, text: "Too Many Requests", headers: { "retry-after": "3" } };
    if (p.get("token") !== opts.token) return { status: 200, body: { status: "invalid-token", errorMessage: "Invalid token or session expired." } };
    const zone = p.get("zone") ?? opts.zone;
    if (req.path !== "/api/zones/list" && zone !== opts.zone) return err(`No such zone was found: ${zone}`);
    const value = (type: string) => (type === "CNAME" ? { cname: p.get("cname") ?? "" } : { ipAddress: p.get("ipAddress") ?? "" });
    const same = (r: TechnitiumRecord, name: string, type: string, v: { ipAddress?: string; cname?: string }) => r.name === name && r.type === type && (type === "CNAME" ? r.rData.cname === v.cname : r.rData.ipAddress === v.ipAddress);
    switch (req.path) {
      case "/api/zones/list":
        return { status: 200, body: { status: "ok", response: { zones: [{ name: opts.zone, type: "Primary", disabled: false }] } } };
      case "/api/zones/records/get":
        return { status: 200, body: { status: "ok", response: { zone: { name: opts.zone, type: "Primary", disabled: false }, records: state.records.map((r) => ({ ...r, dnssecStatus: "Disabled", lastUsedOn: "0001-01-01T00:00:00" })) } } };
      case "/api/zones/records/add": {
        const name = p.get("domain") ?? "";
        const type = p.get("type") ?? "";
        if (!name.endsWith(opts.zone)) return err(`The domain name does not belong to zone: ${opts.zone}`);
        const v = value(type);
        if ((type === "A" || type === "AAAA") && !v.ipAddress) return err("Parameter 'ipAddress' missing.");
        if (type === "CNAME" && state.records.some((r) => r.name === name)) return err("Cannot add CNAME record: a record already exists for the domain name.");
        if (state.records.some((r) => same(r, name, type, v))) return err("Cannot add record: record already exists.");
        const rec = { name, type, ttl: Number(p.get("ttl") ?? 3600), rData: v, comments: p.get("comments") ?? undefined, disabled: false };
        state.records.push(rec);
        return { status: 200, body: { status: "ok", response: { zone: { name: opts.zone }, addedRecord: rec } } };
      }
      case "/api/zones/records/delete": {
        const name = p.get("domain") ?? "";
        const type = p.get("type") ?? "";
        const i = state.records.findIndex((r) => same(r, name, type, value(type)));
        if (i < 0) return err("Cannot delete record: no such record exists.");
        state.records.splice(i, 1);
        return { status: 200, body: { status: "ok" } };
      }
      default:
        return { status: 404, text: "Not Found" };
    }
  });
  return Object.assign(state, server);
}
