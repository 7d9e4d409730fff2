// A stand-in endpoint on 127.0.0.1 that records the Authorization header (and body) of every
// request it receives: where a secret went is then a fact the tests can assert, not an assumption.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
}

export interface AuthRecorder {
  url: string;
  requests: RecordedRequest[];
  /** Every Authorization header value received, in order (null where none was sent). */
  authorizations(): (string | null)[];
  close(): Promise<void>;
}

/**
 * Answers every request with `answer(path)` (default: 200 with an empty body, which a Caddy admin
 * client reads as "no config"), after recording it.
 */
export async function startAuthRecorder(answer: (path: string) => { status: number; body: string } = () => ({ status: 200, body: "" })): Promise<AuthRecorder> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization ?? null, body: Buffer.concat(chunks).toString("utf8") });
      const a = answer(path);
      res.writeHead(a.status, { "content-type": "application/json", connection: "close" });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    authorizations: () => requests.map((r) => r.authorization),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
