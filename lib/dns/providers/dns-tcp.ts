// One TCP exchange with a DNS server (RFC 7766 framing: two-byte length prefix): sends messages and
// collects one answer per message, or for a zone transfer every message up to the closing SOA.
import { connect, type Socket } from "node:net";
import { parseMessage, TYPE } from "./dns-wire";

export class DnsTransportError extends Error {}

/**
 * Opens one TCP connection, sends each message in order and collects the responses: one per
 * message, or for AXFR every message up to the closing SOA. Rejects on connect errors and timeouts.
 */
export function exchangeTcp(server: string, port: number, messages: Buffer[], opts: { timeoutMs: number; axfr?: boolean; signal?: AbortSignal }): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const responses: Buffer[] = [];
    let pending = Buffer.alloc(0);
    let soaSeen = 0;
    let settled = false;
    const sock: Socket = connect({ host: server, port });
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(responses);
    };
    const timer = setTimeout(() => finish(new DnsTransportError(`no answer within ${opts.timeoutMs / 1000} s`)), opts.timeoutMs);
    opts.signal?.addEventListener("abort", () => finish(new DnsTransportError("aborted")), { once: true });
    sock.setNoDelay(true);
    sock.on("connect", () => {
      for (const m of messages) {
        const frame = Buffer.alloc(2 + m.length);
        frame.writeUInt16BE(m.length, 0);
        m.copy(frame, 2);
        sock.write(frame);
      }
    });
    sock.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const msg = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + msg.length);
        responses.push(Buffer.from(msg));
        if (opts.axfr) {
          const p = parseMessage(msg);
          soaSeen += p.answers.filter((a) => a.type === TYPE.SOA).length;
          if (p.rcode !== "NOERROR" || soaSeen >= 2 || p.tsigError) return finish();
        } else if (responses.length === messages.length) return finish();
      }
    });
    sock.on("error", (err: NodeJS.ErrnoException) => finish(new DnsTransportError(err.code === "ECONNREFUSED" ? "connection refused" : err.code ?? err.message)));
    sock.on("close", () => finish(responses.length > 0 && (opts.axfr ? soaSeen >= 2 : responses.length === messages.length) ? undefined : new DnsTransportError("connection closed before the answer was complete")));
  });
}
