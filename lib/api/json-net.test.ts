import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { guardJsonErrors, fallbackError, isJsonType } from "./json-net";

process.env.HOMEPORT_LOG_SILENT = "1";

/** What a piece of Next.js might do with a response; each path is one way to answer. */
const BEHAVIOURS: Record<string, (res: ServerResponse) => void> = {
  "/html-404": (res) => {
    res.statusCode = 404;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("etag", '"abc"');
    res.end("<!DOCTYPE html><html><body>Page not found</body></html>");
  },
  "/text-500-writehead": (res) => {
    res.writeHead(500, { "Content-Type": "text/plain", "Content-Length": "21" });
    res.end("Internal Server Error");
  },
  "/empty-405": (res) => {
    res.writeHead(405, "Method Not Allowed");
    res.end();
  },
  "/streamed-500": (res) => {
    res.statusCode = 500;
    res.setHeader("content-type", "text/plain");
    res.write("Error: boom\n");
    res.write("    at handler (/srv/app/lib/x.ts:12:3)\n", () => undefined);
    res.end();
  },
  "/gzip-404": (res) => {
    res.writeHead(404, ["Content-Type", "text/html", "Content-Encoding", "gzip"]);
    res.end(gzipSync("<html>not found</html>"));
  },
  "/json-422": (res) => {
    res.writeHead(422, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: { code: "invalid", message: "name: required" } }));
  },
  "/problem-json-409": (res) => {
    res.statusCode = 409;
    res.setHeader("content-type", "application/problem+json");
    res.end('{"error":{"code":"conflict","message":"taken"}}');
  },
  "/html-200": (res) => {
    res.setHeader("content-type", "text/html");
    res.end("<p>fine</p>");
  },
  "/redirect-308": (res) => {
    res.writeHead(308, { location: "/api/health", "content-type": "text/plain" });
    res.end("/api/health");
  },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    guardJsonErrors(req, res);
    const behave = BEHAVIOURS[req.url ?? ""];
    if (behave) behave(res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function get(path: string, method = "GET") {
  const res = await fetch(`${base}${path}`, { method, redirect: "manual" });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("guardJsonErrors", () => {
  const rewritten: { path: string; status: number; code: string }[] = [
    { path: "/html-404", status: 404, code: "not_found" },
    { path: "/text-500-writehead", status: 500, code: "internal" },
    { path: "/empty-405", status: 405, code: "method_not_allowed" },
    { path: "/streamed-500", status: 500, code: "internal" },
    { path: "/gzip-404", status: 404, code: "not_found" },
  ];
  for (const c of rewritten) {
    it(`${c.path}: keeps ${c.status}, answers the JSON error shape and nothing of the original body`, async () => {
      const r = await get(c.path);
      expect(r.status).toBe(c.status);
      expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(r.headers.get("content-encoding")).toBeNull();
      expect(r.headers.get("etag")).toBeNull();
      expect(Number(r.headers.get("content-length"))).toBe(Buffer.byteLength(r.text));
      const body = JSON.parse(r.text) as { error: { code: string; message: string } };
      expect(body.error).toEqual({ code: c.code, message: expect.any(String) });
      expect(r.text).not.toMatch(/html|Internal Server Error|boom|\.ts:|\n\s+at /i);
    });
  }

  it("sends headers but no body to HEAD", async () => {
    const r = await get("/html-404", "HEAD");
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.text).toBe("");
  });

  it("leaves JSON errors, successes and redirects as they are", async () => {
    expect(await get("/json-422")).toMatchObject({ status: 422, text: '{"error":{"code":"invalid","message":"name: required"}}' });
    expect(await get("/problem-json-409")).toMatchObject({ status: 409, text: '{"error":{"code":"conflict","message":"taken"}}' });
    expect(await get("/html-200")).toMatchObject({ status: 200, text: "<p>fine</p>" });
    const redirect = await get("/redirect-308");
    expect(redirect).toMatchObject({ status: 308, text: "/api/health" });
    expect(redirect.headers.get("location")).toBe("/api/health");
  });

  it("keeps the connection usable after a rewritten answer", async () => {
    for (let i = 0; i < 5; i++) expect((await get(i % 2 ? "/html-404" : "/json-422")).status).toBe(i % 2 ? 404 : 422);
  });
});

describe("helpers", () => {
  it("recognises JSON media types only", () => {
    expect(["application/json", "application/json; charset=utf-8", "application/problem+json", ["application/json"]].every(isJsonType)).toBe(true);
    expect(["text/html", "text/plain", "application/jsonx", "", undefined, 5].some(isJsonType)).toBe(false);
  });

  it("names a code for every status", () => {
    expect(fallbackError(404).code).toBe("not_found");
    expect(fallbackError(418).code).toBe("bad_request");
    expect(fallbackError(500)).toEqual({ code: "internal", message: "Internal error; see the server log" });
    expect(fallbackError(599).code).toBe("internal");
  });
});
