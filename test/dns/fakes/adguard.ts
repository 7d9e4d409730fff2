// Contract fake of AdGuard Home's rewrite API: GET /control/rewrite/list (a JSON array of
// `{ domain, answer, enabled }`), POST add/delete `{ domain, answer }`, PUT update `{ target,
// update }`, HTTP basic auth (401 "Unauthorized"), errors as text/plain like aghhttp.Error, and
// 429 with Retry-After when too many requests are made.
import { startFake, takeRateLimit, type FakeServer, type FaultSwitches } from "./base";

export interface Rewrite {
  domain: string;
  answer: string;
  enabled: boolean;
}

export interface AdguardFake extends FakeServer, FaultSwitches {
  rewrites: Rewrite[];
}

export async function startAdguardFake(opts: { username: string; password: string; rewrites?: { domain: string; answer: string }[] }): Promise<AdguardFake> {
  const state = { rewrites: (opts.rewrites ?? []).map((r) => ({ ...r, enabled: true })), rateLimitNext: 0, rateLimitAfter: 0 };
  const expected = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString("base64")}`;
  const server = await startFake((req) => {
    if (req.headers.authorization !== expected) return { status: 401, text: "Unauthorized\n" };
    if (takeRateLimit(state)) return { status: 429, text: "too many requests\n", headers: { "retry-after": "7" } };
    const body = () => JSON.parse(req.body) as Record<string, { domain?: string; answer?: string } | string | undefined>;
    const find = (d?: string, a?: string) => state.rewrites.findIndex((r) => r.domain === d && r.answer === a);
    switch (`${req.method} ${req.path}`) {
      case "GET /control/rewrite/list":
        return { status: 200, body: state.rewrites };
      case "POST /control/rewrite/add": {
        const b = body() as { domain?: string; answer?: string };
        if (!b.domain || !b.answer) return { status: 400, text: "json.Decode: domain and answer are required\n" };
        if (find(b.domain, b.answer) >= 0) return { status: 400, text: `rewrite for "${b.domain}" with answer "${b.answer}" already exists\n` };
        state.rewrites.push({ domain: b.domain, answer: b.answer, enabled: true });
        return { status: 200 };
      }
      case "POST /control/rewrite/delete": {
        const b = body() as { domain?: string; answer?: string };
        const i = find(b.domain, b.answer);
        if (i >= 0) state.rewrites.splice(i, 1);
        return { status: 200 };
      }
      case "PUT /control/rewrite/update": {
        const b = body() as { target?: { domain?: string; answer?: string }; update?: { domain?: string; answer?: string } };
        const i = find(b.target?.domain, b.target?.answer);
        if (i < 0) return { status: 400, text: "rewrite rule not found\n" };
        state.rewrites[i] = { domain: b.update?.domain ?? "", answer: b.update?.answer ?? "", enabled: true };
        return { status: 200 };
      }
      default:
        return { status: 405, text: "method not allowed\n" };
    }
  });
  return Object.assign(state, server);
}
