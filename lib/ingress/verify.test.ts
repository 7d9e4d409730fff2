// requestThroughProxy against a "proxy" on 127.0.0.1 that trickles its status line one byte at a
// time: the overall deadline ends it (an idle timeout never would), and a normal answer is read
// from its headers alone.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestThroughProxy } from "./verify";

let server: Server;
let port: number;
let served = 0;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "hp-verify-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=app.home.test", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem")], { stdio: "ignore" });
    server = createServer({ key: readFileSync(join(dir, "k.pem")), cert: readFileSync(join(dir, "c.pem")) }, (req, res) => {
      served++;
      if (req.url === "/trickle") {
        const raw = "HTTP/1.1 200 OK\r\nX-Homeport-Route: r1\r\n\r\n";
        let i = 0;
        const t = setInterval(() => (i < raw.length ? req.socket.write(raw[i++]!) : undefined), 100);
        req.socket.on("close", () => clearInterval(t));
        return;
      }
      res.writeHead(200, { "x-homeport-route": "r1" });
      // A body that never ends: only the headers are needed.
      const t = setInterval(() => res.write("x"), 50);
      res.on("close", () => clearInterval(t));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("requestThroughProxy", () => {
  it("a proxy trickling its headers is cut at the deadline with a reason", async () => {
    const r = await requestThroughProxy({ address: "127.0.0.1", httpsPort: port }, "app.home.test", { path: "/trickle", timeoutMs: 400 });
    expect(r).toEqual({ status: null, fingerprint: null, error: "no answer within 400 ms" });
  });

  it("reads status and fingerprint from the headers without waiting for an endless body", async () => {
    const before = served;
    const r = await requestThroughProxy({ address: "127.0.0.1", httpsPort: port }, "app.home.test", { path: "/", timeoutMs: 2_000 });
    expect(r).toEqual({ status: 200, fingerprint: "r1", error: null });
    expect(served).toBe(before + 1);
  });
});
