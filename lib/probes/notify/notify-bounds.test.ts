// Notifications against hostile receivers on 127.0.0.1: a webhook that trickles or floods, an SMTP
// server that greets one byte at a time, and admin endpoints as destinations. Deliveries end on time
// with a reason; nothing hangs.
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { emailChannel } from "./email";
import { postTo } from "./http-post";
import { webhookChannel } from "./webhook";

const servers: (HttpServer | TcpServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => { if ("closeAllConnections" in s) s.closeAllConnections(); s.close(() => r()); })));
});
async function listen<S extends HttpServer | TcpServer>(s: S): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return (s.address() as AddressInfo).port;
}

const message = { event: "test" as const, title: "t", text: "x", at: new Date().toISOString(), check: null, incident: null };

describe("webhook and ntfy deliveries", () => {
  it("a receiver that trickles its answer is cut when the delivery's time is up", async () => {
    const port = await listen(createHttpServer((_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write("."), 50);
      res.on("close", () => clearInterval(t));
    }));
    await expect(postTo(`http://127.0.0.1:${port}/hook`, {}, "{}", AbortSignal.timeout(300))).rejects.toThrow("no answer within the delivery's timeout");
  });

  it("a 2xx receiver that floods its answer counts as delivered, and the flood is not read", async () => {
    let sent = 0;
    const port = await listen(createHttpServer((_req, res) => {
      res.writeHead(200);
      res.on("error", () => undefined);
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (sent < 100 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    }));
    await webhookChannel.send({ url: `http://127.0.0.1:${port}/hook` }, null, message, AbortSignal.timeout(5_000));
    expect(sent).toBeLessThan(100 * 1024 * 1024);
  });

  const refused = [
    { desc: "Caddy's admin API", url: "http://127.0.0.1:2019/stop", mentions: "Caddy's admin API" },
    { desc: "Docker's API", url: "http://127.0.0.1:2375/containers/json", mentions: "Docker" },
    { desc: "IPv4-mapped metadata", url: "http://[::ffff:a9fe:a9fe]/", mentions: "169.254.169.254" },
  ];
  for (const c of refused) {
    it(`refuses ${c.desc} before connecting`, async () => {
      await expect(postTo(c.url, {}, "{}", AbortSignal.timeout(2_000))).rejects.toThrow(c.mentions);
    });
  }
});

describe("email", () => {
  it("an SMTP server greeting one byte at a time is cut when the delivery's time is up", async () => {
    const port = await listen(createTcpServer((sock) => {
      sock.on("error", () => undefined);
      const greeting = "220 slow.test ESMTP hello\r\n";
      let i = 0;
      const t = setInterval(() => (i < greeting.length ? sock.write(greeting[i++]!) : undefined), 100);
      sock.on("close", () => clearInterval(t));
    }));
    const config = { host: "127.0.0.1", port, secure: false, from: "homeport@home.test", to: ["me@home.test"] };
    await expect(emailChannel.send(config, null, message, AbortSignal.timeout(400))).rejects.toThrow("no answer within the delivery's timeout");
  });
});
