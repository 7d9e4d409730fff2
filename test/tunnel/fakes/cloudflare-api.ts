// A contract fake of the part of Cloudflare's v4 API Homeport uses for Cloudflare Tunnel:
// GET/PUT /accounts/{account_id}/cfd_tunnel/{tunnel_id}/configurations, answering with Cloudflare's
// envelope `{ success, errors: [{ code, message }], messages, result }`. It follows the documented
// shapes, including the failures: 403 + code 10000 for a refused token, 400 + code 1056 for a
// configuration cloudflared's validator refuses, 404 + code 7003 for an unknown id, and 429 +
// code 971 with Retry-After when rate limited. It validates independently of lib/tunnel.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export const FAKE_PREFIX = "/client/v4";

export interface FakeConfig {
  version: number;
  config: { ingress?: { hostname?: string; path?: string; service?: string }[]; [k: string]: unknown } | null;
}

export interface FakeCloudflare {
  baseUrl: string;
  token: string;
  accountId: string;
  tunnelId: string;
  /** Configurations by tunnel id, as Cloudflare holds them. */
  configs: Map<string, FakeConfig>;
  /** Every request received: method, path and whether its token was accepted (never the token). */
  requests: { method: string; path: string; authorized: boolean }[];
  /** The next `count` requests get 429 with Retry-After: `retryAfter`. */
  rateLimitNext(count: number, retryAfter: number): void;
  close(): Promise<void>;
}

type Msg = { code: number; message: string };

function send(res: ServerResponse, status: number, body: { success: boolean; errors?: Msg[]; result?: unknown }, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ success: body.success, errors: body.errors ?? [], messages: [], result: body.result ?? null }));
}
const fail = (res: ServerResponse, status: number, code: number, message: string, headers?: Record<string, string>) => send(res, status, { success: false, errors: [{ code, message }] }, headers);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Cloudflare's own validation of a tunnel configuration (the checks its API applies). */
function validationError(config: FakeConfig["config"]): string | null {
  const ingress = config?.ingress;
  if (!Array.isArray(ingress) || ingress.length === 0) return "Validation failed: The config file doesn't contain any ingress rules";
  for (const [i, r] of ingress.entries()) {
    if (typeof r?.service !== "string" || r.service === "") return `Validation failed: Rule #${i + 1} has no service`;
    if (r.hostname && r.hostname.lastIndexOf("*") > 0) return 'Validation failed: Hostname patterns can have at most one wildcard character ("*") and it can only be used for subdomains, e.g. "*.example.com"';
  }
  const last = ingress[ingress.length - 1];
  if ((last?.hostname && last.hostname !== "*") || last?.path) return "Validation failed: The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)";
  return null;
}

export async function startFakeCloudflare(opts: { token?: string; accountId?: string; tunnelId?: string } = {}): Promise<FakeCloudflare> {
  const token = opts.token ?? "fake-token-with-tunnel-edit";
  const accountId = opts.accountId ?? "023e105f4ecef8ad9ca31a8372d0c353";
  const tunnelId = opts.tunnelId ?? "f70ff985-a4ef-4643-bbbc-4a0ed4fc8415";
  const configs = new Map<string, FakeConfig>([[tunnelId, { version: 0, config: null }]]);
  const requests: FakeCloudflare["requests"] = [];
  let limited = 0;
  let retryAfter = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://fake").pathname;
      const authorized = req.headers.authorization === `Bearer ${token}`;
      requests.push({ method: req.method ?? "", path, authorized });
      if (limited > 0) {
        limited--;
        return fail(res, 429, 971, "Please wait and consider throttling your request speed", { "retry-after": String(retryAfter) });
      }
      if (!req.headers.authorization) return send(res, 400, { success: false, errors: [{ code: 9106, message: "Missing X-Auth-Email header" }, { code: 9107, message: "Missing X-Auth-Key header" }] });
      if (!authorized) return fail(res, 403, 10000, "Authentication error");
      const m = /^\/client\/v4\/accounts\/([^/]+)\/cfd_tunnel\/([^/]+)\/configurations$/.exec(path);
      if (!m) return fail(res, 404, 7000, "No route for that URI");
      const [, acc, tid] = m as unknown as [string, string, string];
      const current = configs.get(tid);
      if (acc !== accountId || !current) return fail(res, 404, 7003, `Could not route to ${path}, perhaps your object identifier is invalid?`);
      if (req.method === "GET") {
        return send(res, 200, { success: true, result: { tunnel_id: tid, version: current.version, config: current.config, source: "cloudflare", created_at: new Date().toISOString() } });
      }
      if (req.method !== "PUT") return fail(res, 405, 10405, "Method not allowed");
      if (!/^application\/json/.test(req.headers["content-type"] ?? "")) return fail(res, 415, 10415, "Unsupported Media Type");
      let body: { config?: FakeConfig["config"] };
      try {
        body = JSON.parse(await readBody(req)) as { config?: FakeConfig["config"] };
      } catch {
        return fail(res, 400, 10026, "Unable to parse JSON body");
      }
      const invalid = validationError(body.config ?? null);
      if (invalid) return fail(res, 400, 1056, `Bad Configuration: ${invalid}`);
      const next = { version: current.version + 1, config: body.config ?? null };
      configs.set(tid, next);
      return send(res, 200, { success: true, result: { tunnel_id: tid, version: next.version, config: next.config, source: "cloudflare", created_at: new Date().toISOString() } });
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${FAKE_PREFIX}`,
    token,
    accountId,
    tunnelId,
    configs,
    requests,
    rateLimitNext(count, after) {
      limited = count;
      retryAfter = after;
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
