// TSIG (RFC 8945) for RFC 2136: signs requests with HMAC-SHA* and verifies the server's signed
// answers, single messages and multi-message zone transfers alike.
import { createHmac, timingSafeEqual } from "node:crypto";
import { CLASS_ANY, DnsWireError, nameWire, parseMessage, TYPE, Writer, type ParsedMessage } from "./dns-wire";

/** Seconds of clock skew a TSIG signature tolerates. */
const TSIG_FUDGE_S = 300;

export interface TsigKey {
  name: string;
  algorithm: string; // hmac-sha256 …
  secret: Buffer;
}


function tsigVariables(key: TsigKey, time: number, error = 0): Buffer {
  const alg = nameWire(key.algorithm);
  const v = Buffer.alloc(2 + 4 + 6 + 2 + 2 + 2);
  let o = 0;
  v.writeUInt16BE(CLASS_ANY, o); o += 2;
  v.writeUInt32BE(0, o); o += 4;
  v.writeUIntBE(time, o, 6); o += 6;
  v.writeUInt16BE(TSIG_FUDGE_S, o); o += 2;
  v.writeUInt16BE(error, o); o += 2;
  v.writeUInt16BE(0, o);
  return Buffer.concat([nameWire(key.name), v.subarray(0, 2 + 4), alg, v.subarray(6)]);
}

const hmac = (key: TsigKey, parts: Buffer[]) => {
  const h = createHmac(key.algorithm.replace(/^hmac-/, ""), key.secret);
  for (const p of parts) h.update(p);
  return h.digest();
};

/** Appends a TSIG record to a message and returns the signed message and its MAC. */
export function signMessage(message: Buffer, key: TsigKey, now = Math.floor(Date.now() / 1000)): { signed: Buffer; mac: Buffer } {
  const mac = hmac(key, [message, tsigVariables(key, now)]);
  const alg = nameWire(key.algorithm);
  const rdata = Buffer.alloc(alg.length + 6 + 2 + 2 + mac.length + 2 + 2 + 2);
  let o = alg.copy(rdata, 0);
  rdata.writeUIntBE(now, o, 6); o += 6;
  rdata.writeUInt16BE(TSIG_FUDGE_S, o); o += 2;
  rdata.writeUInt16BE(mac.length, o); o += 2;
  o += mac.copy(rdata, o);
  rdata.writeUInt16BE(message.readUInt16BE(0), o); o += 2;
  rdata.writeUInt16BE(0, o); o += 2;
  rdata.writeUInt16BE(0, o);
  const tail = new Writer();
  tail.name(key.name, false);
  tail.u16(TYPE.TSIG); tail.u16(CLASS_ANY); tail.u32(0); tail.u16(rdata.length); tail.bytes(rdata);
  const signed = Buffer.concat([message, tail.done()]);
  signed.writeUInt16BE(signed.readUInt16BE(10) + 1, 10);
  return { signed, mac };
}

/**
 * Verifies the TSIG signatures of a response (RFC 8945 §5.3): the first signed message covers
 * the request's MAC, the message and all TSIG variables; later messages of a zone transfer cover
 * the previous MAC, every message since (unsigned ones included) and the timers. Returns the
 * reason of the first failure, or undefined when every signature is valid.
 */
export function verifyResponses(responses: Buffer[], key: TsigKey, requestMac: Buffer, now = Math.floor(Date.now() / 1000)): string | undefined {
  let prior = requestMac;
  let pending: Buffer[] = [];
  let first = true;
  for (const buf of responses) {
    let p: ParsedMessage;
    try {
      p = parseMessage(buf);
    } catch (err) {
      if (err instanceof DnsWireError) return `the answer cannot be read (${err.message})`;
      throw err;
    }
    if (!p.tsig) {
      pending.push(buf);
      continue;
    }
    const t = p.tsig;
    if (t.keyName !== key.name.toLowerCase().replace(/\.$/, "")) return `the answer is signed with another key (${t.keyName})`;
    const stripped = Buffer.from(buf.subarray(0, t.offset));
    stripped.writeUInt16BE(t.originalId, 0);
    const additional = stripped.readUInt16BE(10);
    if (additional === 0) return "the answer's TSIG record is not in its additional section";
    stripped.writeUInt16BE(additional - 1, 10);
    const priorLen = Buffer.alloc(2);
    priorLen.writeUInt16BE(prior.length);
    let vars: Buffer;
    if (first) {
      const tail = Buffer.alloc(6 + 2 + 2 + 2);
      tail.writeUIntBE(t.timeSigned, 0, 6);
      tail.writeUInt16BE(t.fudge, 6);
      tail.writeUInt16BE(t.error, 8);
      tail.writeUInt16BE(t.other.length, 10);
      const classTtl = Buffer.alloc(6);
      classTtl.writeUInt16BE(CLASS_ANY, 0);
      vars = Buffer.concat([nameWire(t.keyName), classTtl, nameWire(t.algorithm), tail, t.other]);
    } else {
      vars = Buffer.alloc(8);
      vars.writeUIntBE(t.timeSigned, 0, 6);
      vars.writeUInt16BE(t.fudge, 6);
    }
    const expected = hmac(key, [priorLen, prior, ...pending, stripped, vars]);
    if (expected.length !== t.mac.length || !timingSafeEqual(expected, t.mac)) return "the answer's TSIG signature does not verify (wrong key, or the answer was altered)";
    if (Math.abs(now - t.timeSigned) > t.fudge) return `the answer's TSIG time is off by ${Math.abs(now - t.timeSigned)} s (check both clocks)`;
    prior = t.mac;
    pending = [];
    first = false;
  }
  if (pending.length > 0 || first) return "the answer is not signed with the TSIG key";
  return undefined;
}
