// The bounded request against real servers on 127.0.0.1: a trickling peer is cut at the deadline,
// a 100 MB answer at the size cap, and every failure is a typed error, never a hang.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { boundedRequest, BoundedRequestError, MIB } from "./bounded-request";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
});

async function serve(handler: (res: ServerResponse, req: import("node:http").IncomingMessage) => void): Promise<string> {
  const s = createServer((req, res) => handler(res, req));
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BoundedRequestError);
    return err as BoundedRequestError;
  }
  throw new Error("expected the request to fail");
};

describe("boundedRequest", () => {
  it("returns status, headers and body", async () => {
    const url = await serve((res, req) => {
      res.writeHead(201, { "content-type": "application/json", "retry-after": "7" });
      res.end(JSON.stringify({ method: req.method, host: req.headers.host }));
    });
    const r = await boundedRequest(`${url}/x`, { method: "POST", body: "{}", deadlineMs: 5000, maxBytes: MIB });
    expect(r.status).toBe(201);
    expect(r.headers.get("retry-after")).toBe("7");
    expect(JSON.parse(r.text())).toEqual({ method: "POST", host: url.slice("http://".length) });
  });

  it("a peer trickling one byte at a time is cut at the overall deadline", async () => {
    let closed = false;
    const url = await serve((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const t = setInterval(() => res.write("{"), 50);
      res.on("close", () => { closed = true; clearInterval(t); });
    });
    const err = await failure(boundedRequest(url, { deadlineMs: 400, maxBytes: MIB }));
    expect(err.kind).toBe("timeout");
    expect(err.message).toBe("no complete answer within 400 ms");
    await expect.poll(() => closed).toBe(true);
  });

  it("a 100 MB answer is cut at the cap: the server cannot send it all", async () => {
    let sent = 0;
    let finished = false;
    const url = await serve((res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (sent < 100 * MIB) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        finished = true;
        res.end();
      };
      res.on("error", () => undefined);
      pump();
    });
    const err = await failure(boundedRequest(url, { deadlineMs: 10_000, maxBytes: 4 * MIB }));
    expect(err.kind).toBe("too_large");
    expect(err.message).toBe("answer larger than 4 MiB");
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(100 * MIB);
  });

  it("an announced Content-Length over the cap fails before the body is read", async () => {
    const url = await serve((res) => {
      res.writeHead(200, { "content-length": String(50 * MIB) });
      res.write("x");
    });
    const err = await failure(boundedRequest(url, { deadlineMs: 5000, maxBytes: MIB }));
    expect(err.kind).toBe("too_large");
    expect(err.message).toContain(String(50 * MIB));
  });

  it("truncate keeps the first maxBytes and succeeds", async () => {
    const url = await serve((res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(100_000, 0x62));
    });
    const r = await boundedRequest(url, { deadlineMs: 5000, maxBytes: 1000, truncate: true });
    expect(r).toMatchObject({ status: 200, truncated: true });
    expect(r.body.length).toBe(1000);
  });

  it("a refused connection is a network error with its code", async () => {
    const url = await serve((res) => res.end());
    const port = new URL(url).port;
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    const err = await failure(boundedRequest(`http://127.0.0.1:${port}/`, { deadlineMs: 5000, maxBytes: MIB }));
    expect(err).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
  });

  it("a peer that closes mid-answer is a network error, not a short success", async () => {
    const url = await serve((res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("only part");
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const err = await failure(boundedRequest(url, { deadlineMs: 5000, maxBytes: MIB }));
    expect(err.kind).toBe("network");
  });

  it("the caller's signal cancels it", async () => {
    const url = await serve(() => undefined);
    const ac = new AbortController();
    const p = boundedRequest(url, { deadlineMs: 10_000, maxBytes: MIB, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect((await failure(p)).kind).toBe("aborted");
  });

  it("connectTo dials the vetted address and keeps the name in Host", async () => {
    const url = await serve((res, req) => res.end(req.headers.host));
    const port = new URL(url).port;
    const r = await boundedRequest(`http://service.home.arpa:${port}/`, { deadlineMs: 5000, maxBytes: MIB, connectTo: { address: "127.0.0.1", family: 4 } });
    expect(r.text()).toBe(`service.home.arpa:${port}`);
  });
});
