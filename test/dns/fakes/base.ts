// A tiny HTTP server on 127.0.0.1 for contract fakes: reads the body, hands a parsed request to
// the fake's handler, and records every request so tests can assert what was sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  /** Sent as is (text/plain) instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFake(handle: (req: FakeRequest) => FakeReply): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const fr: FakeRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(fr);
      let reply: FakeReply;
      try {
        reply = handle(fr);
      } catch (err) {
        reply = { status: 500, text: `fake crashed: ${(err as Error).message}` };
      }
      if (reply.text !== undefined) {
        res.writeHead(reply.status, { "content-type": "text/plain; charset=utf-8", ...reply.headers });
        res.end(reply.text);
      } else if (reply.body === undefined) {
        res.writeHead(reply.status, reply.headers);
        res.end();
      } else {
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Switches a fake can be flipped by a test: answer the next N requests with 429. */
export interface FaultSwitches {
  rateLimitNext: number;
  /** Let this many requests through before the rate limit starts. */
  rateLimitAfter: number;
}

export function takeRateLimit(f: FaultSwitches): boolean {
  if (f.rateLimitNext <= 0) return false;
  if (f.rateLimitAfter > 0) {
    f.rateLimitAfter--;
    return false;
  }
  f.rateLimitNext--;
  return true;
}
