// A raw HTTP client for the fuzzer: sends the path exactly as given (fetch would resolve `..` and
// `%2e%2e`), any method, any bytes, and reads at most a capped amount of the answer.
import { Agent, request } from "node:http";

/** An answer slower than this counts as a hang. */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Bytes of an answer kept for the checks (the rest is read and dropped). */
const MAX_KEPT_BYTES = 512 * 1024;

export interface RawRequest {
  method: string;
  /** Request target, sent as is; must be ASCII (callers %-encode). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  text: string;
  ms: number;
  /** Set when no complete answer arrived: "timeout", or the socket error. */
  failure?: string;
}

export class RawClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(base: string, concurrency: number) {
    const u = new URL(base);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  send(r: RawRequest): Promise<Answer> {
    const start = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const done = (a: Omit<Answer, "ms">) => {
        if (settled) return;
        settled = true;
        resolve({ ...a, ms: Math.round(performance.now() - start) });
      };
      const headers: Record<string, string> = { ...r.headers };
      if (r.body !== undefined) headers["content-length"] = String(r.body.length);
      const req = request({ host: this.host, port: this.port, method: r.method, path: r.path, headers, agent: this.agent }, (res) => {
        const contentType = String(res.headers["content-type"] ?? "");
        const base = { status: res.statusCode ?? 0, headers: res.headers, contentType };
        // An event stream stays open by design: its headers are the answer.
        if (contentType.startsWith("text/event-stream")) {
          res.destroy();
          done({ ...base, text: "" });
          return;
        }
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (c: Buffer) => {
          if (kept < MAX_KEPT_BYTES) chunks.push(c);
          kept += c.length;
        });
        res.on("end", () => done({ ...base, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (err) => done({ ...base, text: "", failure: `response error: ${err.message}` }));
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => {
        req.destroy(new Error("timeout"));
        done({ status: 0, headers: {}, contentType: "", text: "", failure: "timeout" });
      });
      req.on("error", (err) => done({ status: 0, headers: {}, contentType: "", text: "", failure: err.message }));
      req.end(r.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
