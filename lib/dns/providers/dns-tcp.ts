// One TCP exchange with a DNS server (RFC 7766 framing: two-byte length prefix): sends messages and
// collects one answer per message, or for a zone transfer every message up to the closing SOA.
// Bounded: one overall deadline, a cap on a transfer's bytes and messages; a garbage or truncated
// answer (also mid-transfer) ends the exchange with a typed error — nothing throws out of a socket handler.
import { connect, type Socket } from "node:net";
import { formatBytes, formatDuration, MIB } from "@/lib/net/bounded-request";
import { DnsWireError, parseMessage, TYPE } from "./dns-wire";

/** A zone transfer may bring at most this much (tens of thousands of records fit in a few MiB). */
export const MAX_TRANSFER_BYTES = 64 * MIB;
/** …in at most this many messages (servers that send one record per message included). */
export const MAX_TRANSFER_MESSAGES = 100_000;

export type DnsTransportFailure = "timeout" | "unavailable" | "malformed" | "too_large";

export class DnsTransportError extends Error {
  constructor(readonly kind: DnsTransportFailure, message: string) {
    super(message);
    this.name = "DnsTransportError";
  }
}

export interface ExchangeOptions {
  /** The whole exchange, connect to the last message. */
  timeoutMs: number;
  axfr?: boolean;
  signal?: AbortSignal;
  maxBytes?: number;
  maxMessages?: number;
}

/**
 * Opens one TCP connection, sends each message in order and collects the responses: one per
 * message, or for AXFR every message up to the closing SOA. Rejects with a DnsTransportError on
 * connect errors, the deadline, oversized transfers and malformed answers.
 */
export function exchangeTcp(server: string, port: number, messages: Buffer[], opts: ExchangeOptions): Promise<Buffer[]> {
  const maxBytes = opts.maxBytes ?? MAX_TRANSFER_BYTES;
  const maxMessages = opts.maxMessages ?? MAX_TRANSFER_MESSAGES;
  return new Promise((resolve, reject) => {
    const responses: Buffer[] = [];
    let pending = Buffer.alloc(0);
    let received = 0;
    let soaSeen = 0;
    let settled = false;
    const sock: Socket = connect({ host: server, port });
    const onAbort = () => finish(new DnsTransportError("unavailable", "aborted"));
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      sock.destroy();
      if (err) reject(err);
      else resolve(responses);
    };
    const timer = setTimeout(() => finish(new DnsTransportError("timeout", `no answer within ${formatDuration(opts.timeoutMs)}`)), opts.timeoutMs);
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    sock.setNoDelay(true);
    sock.on("connect", () => {
      for (const m of messages) {
        const frame = Buffer.alloc(2 + m.length);
        frame.writeUInt16BE(m.length, 0);
        m.copy(frame, 2);
        sock.write(frame);
      }
    });
    /** Takes every complete frame out of `pending`; returns true when the exchange is over. */
    const drain = (): boolean => {
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const msg = Buffer.from(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + msg.length);
        responses.push(msg);
        if (responses.length > maxMessages) throw new DnsTransportError("too_large", `the transfer has more than ${maxMessages} messages`);
        if (opts.axfr) {
          const p = parseMessage(msg);
          soaSeen += p.answers.filter((a) => a.type === TYPE.SOA).length;
          if (p.rcode !== "NOERROR" || soaSeen >= 2 || p.tsigError) return true;
        } else if (responses.length === messages.length) return true;
      }
      return false;
    };
    sock.on("data", (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      try {
        if (received > maxBytes) throw new DnsTransportError("too_large", `the answer is larger than ${formatBytes(maxBytes)}`);
        pending = Buffer.concat([pending, chunk]);
        if (drain()) finish();
      } catch (err) {
        finish(err instanceof DnsTransportError ? err : new DnsTransportError("malformed", err instanceof DnsWireError ? err.message : `unreadable answer: ${err instanceof Error ? err.message : String(err)}`));
      }
    });
    sock.on("error", (err: NodeJS.ErrnoException) => finish(new DnsTransportError("unavailable", err.code === "ECONNREFUSED" ? "connection refused" : err.code ?? err.message)));
    sock.on("close", () => {
      const complete = responses.length > 0 && (opts.axfr ? soaSeen >= 2 : responses.length === messages.length);
      if (complete) return finish();
      finish(new DnsTransportError(pending.length > 0 ? "malformed" : "unavailable", pending.length > 0 ? `the connection closed inside a message (${pending.length} bytes of a frame)` : "connection closed before the answer was complete"));
    });
  });
}
