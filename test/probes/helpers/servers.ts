// Real servers on loopback for the probe tests: an HTTP target with a few behaviours, an HTTPS
// server with an expired self-signed certificate (made with openssl), a tiny UDP DNS server
// (dns-packet), and a webhook receiver that records what it is sent.
import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import https from "node:https";
import dgram from "node:dgram";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import dnsPacket from "dns-packet";

const run = promisify(execFile);

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export const KEYWORD_PAGE = "<html><body>Welcome to Homeport's test target</body></html>";

/** /ok, /status/<n>, /slow?ms=, /redirect?to=, /loop, /big (2 MiB, keyword at the very end), /echo-host. */
function targetHandler(req: IncomingMessage, res: ServerResponse): void {
  const u = new URL(req.url ?? "/", "http://x");
  if (u.pathname === "/ok") {
    res.writeHead(200, { "content-type": "text/html" }).end(KEYWORD_PAGE);
  } else if (u.pathname.startsWith("/status/")) {
    res.writeHead(Number(u.pathname.split("/")[2])).end("status page");
  } else if (u.pathname === "/slow") {
    const t = setTimeout(() => res.writeHead(200).end("late"), Number(u.searchParams.get("ms") ?? 5000));
    res.on("close", () => clearTimeout(t));
  } else if (u.pathname === "/loop") {
    res.writeHead(302, { location: "/loop" }).end();
  } else if (u.pathname === "/redirect") {
    res.writeHead(302, { location: u.searchParams.get("to") ?? "/ok" }).end();
  } else if (u.pathname === "/big") {
    res.writeHead(200, { "content-type": "text/plain" });
    const chunk = "x".repeat(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < 2 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end("NEEDLE");
    };
    pump();
  } else {
    res.writeHead(404).end("not found");
  }
}

export async function startHttpTarget(host = "127.0.0.1"): Promise<Running & { requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    targetHandler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, port, requests, close: () => closeServer(server) };
}

/** An HTTPS server whose self-signed certificate expired in 2020. */
export async function startExpiredHttps(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), "hp-cert-"));
  try {
    writeFileSync(join(dir, "ca.cnf"), `[ ca ]\ndefault_ca = d\n[ d ]\ndatabase = ${dir}/index.txt\nnew_certs_dir = ${dir}\nserial = ${dir}/serial\ndefault_md = sha256\npolicy = p\n[ p ]\ncommonName = supplied\n`);
    writeFileSync(join(dir, "index.txt"), "");
    writeFileSync(join(dir, "serial"), "01\n");
    await run("openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "csr.pem"), "-subj", "/CN=expired.test"]);
    await run("openssl", ["ca", "-batch", "-config", join(dir, "ca.cnf"), "-selfsign", "-keyfile", join(dir, "key.pem"), "-in", join(dir, "csr.pem"), "-out", join(dir, "cert.pem"), "-startdate", "20200101000000Z", "-enddate", "20200201000000Z", "-notext"]);
    const server = https.createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, targetHandler);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    return { url: `https://127.0.0.1:${port}`, port, close: () => closeServer(server) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A UDP DNS server on 127.0.0.1 answering A queries from `records`; NXDOMAIN otherwise. */
export async function startDnsServer(records: Record<string, string>): Promise<Running & { resolver: string }> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (msg, rinfo) => {
    let q: dnsPacket.Packet;
    try {
      q = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = q.questions?.[0];
    const name = question?.name.toLowerCase() ?? "";
    const ip = records[name];
    const answer = ip && question?.type === "A" ? [{ type: "A" as const, name: question.name, ttl: 60, class: "IN" as const, data: ip }] : [];
    const reply = dnsPacket.encode({
      type: "response",
      id: q.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (ip ? 0 : 3), // rcode 3 = NXDOMAIN
      questions: q.questions,
      answers: answer,
    });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  const { port } = socket.address();
  return { url: `dns://127.0.0.1:${port}`, port, resolver: `127.0.0.1:${port}`, close: () => new Promise((r) => socket.close(() => r())) };
}

export interface WebhookReceiver extends Running {
  received: { headers: Record<string, string | string[] | undefined>; body: unknown }[];
  /** Answers with this status while set (to exercise retries). */
  failWith: number | null;
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const rx: WebhookReceiver = { url: "", port: 0, received: [], failWith: null, waitFor: async () => undefined, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (rx.failWith) return void res.writeHead(rx.failWith).end("nope");
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      rx.received.push({ headers: { ...req.headers, path: req.url }, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  rx.port = (server.address() as AddressInfo).port;
  rx.url = `http://127.0.0.1:${rx.port}`;
  rx.close = () => closeServer(server);
  rx.waitFor = async (n, timeoutMs = 10_000) => {
    const end = Date.now() + timeoutMs;
    while (rx.received.length < n) {
      if (Date.now() > end) throw new Error(`webhook receiver got ${rx.received.length} of ${n} messages`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return rx;
}

export interface SmtpSink extends Running {
  messages: { from: string; to: string[]; data: string }[];
}

/** A minimal SMTP server on loopback (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) that keeps what it receives. */
export async function startSmtpSink(): Promise<SmtpSink & { auths: string[] }> {
  const { createServer } = await import("node:net");
  const sink: SmtpSink & { auths: string[] } = { url: "", port: 0, messages: [], auths: [], close: async () => undefined };
  const server = createServer((socket) => {
    let buf = "";
    let inData = false;
    let cur = { from: "", to: [] as string[], data: "" };
    socket.write("220 sink.test ESMTP\r\n");
    socket.on("data", (chunk: Buffer) => {
      buf += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buf.indexOf("\r\n.\r\n");
          if (end < 0) return;
          cur.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          sink.messages.push(cur);
          cur = { from: "", to: [], data: "" };
          socket.write("250 queued\r\n");
          continue;
        }
        const nl = buf.indexOf("\r\n");
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO") socket.write("250-sink.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
        else if (cmd === "HELO") socket.write("250 sink.test\r\n");
        else if (cmd === "AUTH") {
          sink.auths.push(Buffer.from(line.split(" ")[2] ?? "", "base64").toString("utf8").split("\0").slice(1).join(":"));
          socket.write("235 ok\r\n");
        } else if (cmd === "MAIL") {
          cur.from = line.slice(10).replace(/[<>]/g, "").split(" ")[0] ?? "";
          socket.write("250 ok\r\n");
        } else if (cmd === "RCPT") {
          cur.to.push(line.slice(8).replace(/[<>]/g, "").split(" ")[0] ?? "");
          socket.write("250 ok\r\n");
        } else if (cmd === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (cmd === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  sink.port = (server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = () => new Promise<void>((r) => server.close(() => r()));
  return sink;
}
