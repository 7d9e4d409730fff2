// Contract fake of Pi-hole v6's API (FTL): POST/DELETE /api/auth with sessions (sid, csrf,
// validity; 401 with `session.message` on a wrong password; 429 `rate_limiting` and
// `api_seats_exceeded`), and the config arrays dns.hosts / dns.cnameRecords with item PUT/DELETE
// (201 / 204; 400 "Item already present"; 404 "Item not found"; 401 without a session).
import { randomBytes } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { startFake, takeRateLimit, type FakeReply, type FakeServer, type FaultSwitches } from "./base";

const MAX_SEATS = 16;

export interface PiholeFake extends FakeServer, FaultSwitches {
  hosts: string[];
  cnameRecords: string[];
  sessions: Set<string>;
}

const took = () => ({ took: 0.0003 });
const error = (status: number, key: string, message: string, hint: string | null = null): FakeReply => ({ status, body: { error: { key, message, hint }, ...took() } });

export async function startPiholeFake(opts: { password: string; hosts?: string[]; cnameRecords?: string[] }): Promise<PiholeFake> {
  const state = { hosts: [...(opts.hosts ?? [])], cnameRecords: [...(opts.cnameRecords ?? [])], sessions: new Set<string>(), rateLimitNext: 0, rateLimitAfter: 0 };
  const server = await startFake((req) => {
    if (req.path === "/api/auth" && req.method === "POST") {
      if (takeRateLimit(state)) return error(429, "rate_limiting", "Rate-limiting login attempts");
      let password: unknown;
      try {
        password = (JSON.parse(req.body) as { password?: unknown }).password;
      } catch {
        return error(400, "bad_request", "Invalid request body data (no valid JSON)");
      }
      if (password !== opts.password) return { status: 401, body: { session: { valid: false, totp: false, sid: null, validity: -1, message: "password incorrect" }, ...took() } };
      if (state.sessions.size >= MAX_SEATS) return error(429, "api_seats_exceeded", "API seats exceeded", "increase webserver.api.max_sessions");
      const sid = randomBytes(18).toString("base64");
      state.sessions.add(sid);
      return { status: 200, body: { session: { valid: true, totp: false, sid, csrf: randomBytes(16).toString("base64"), validity: 1800, message: "app-password correct" }, ...took() } };
    }
    const sid = (req.headers["x-ftl-sid"] as string | undefined) ?? req.query.get("sid") ?? "";
    if (!state.sessions.has(sid)) return error(401, "unauthorized", "Unauthorized");
    if (req.path === "/api/auth" && req.method === "DELETE") {
      state.sessions.delete(sid);
      return { status: 204 };
    }
    if (takeRateLimit(state)) return error(429, "rate_limiting", "Too many requests");
    const m = /^\/api\/config\/dns\/(hosts|cnameRecords)(?:\/(.+))?$/.exec(req.path);
    if (!m) return error(404, "not_found", "Not found", req.path);
    const key = m[1] as "hosts" | "cnameRecords";
    const arr = state[key];
    if (!m[2]) {
      if (req.method !== "GET") return error(400, "bad_request", "Invalid request");
      return { status: 200, body: { config: { dns: { [key]: arr } }, ...took() } };
    }
    const item = decodeURIComponent(m[2]);
    if (req.method === "PUT") {
      const ok = key === "hosts" ? (() => { const [ip, ...names] = item.split(" "); return !!ip && (isIPv4(ip) || isIPv6(ip)) && names.length > 0; })() : item.split(",").length >= 2;
      if (!ok) return error(400, "bad_request", "Invalid value", `dns.${key}[${arr.length}]: invalid entry "${item}"`);
      if (arr.includes(item)) return error(400, "bad_request", "Item already present", "Uniqueness of items is enforced");
      arr.push(item);
      return { status: 201, body: took() };
    }
    if (req.method === "DELETE") {
      const i = arr.indexOf(item);
      if (i < 0) return error(404, "not_found", "Item not found");
      arr.splice(i, 1);
      return { status: 204 };
    }
    return error(400, "bad_request", "Invalid request method");
  });
  return Object.assign(state, server);
}
