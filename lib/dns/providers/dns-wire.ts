// DNS messages for RFC 2136: builds UPDATE and AXFR messages (RFC 1035 encoding with name
// compression) and parses responses. TSIG signing lives in tsig.ts, the TCP exchange in dns-tcp.ts.
import { randomInt } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";

export const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, TXT: 16, AAAA: 28, TSIG: 250, AXFR: 252 } as const;
const CLASS_IN = 1;
const CLASS_NONE = 254;
export const CLASS_ANY = 255;
const OPCODE_QUERY = 0;
const OPCODE_UPDATE = 5;
/** Largest DNS message over TCP. */
export const MAX_MESSAGE_BYTES = 65_535;

export const RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];
const TSIG_ERRORS: Record<number, string> = { 16: "BADSIG", 17: "BADKEY", 18: "BADTIME", 22: "BADTRUNC" };

export interface WireRecord {
  name: string;
  type: number;
  cls: number;
  ttl: number;
  /** Encoded rdata (names uncompressed). */
  rdata: Buffer;
}

/** Writes a message with name compression. */
export class Writer {
  private buf = Buffer.alloc(4096);
  private len = 0;
  private readonly names = new Map<string, number>();

  private ensure(n: number) {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  u8(v: number) { this.ensure(1); this.buf.writeUInt8(v, this.len); this.len += 1; }
  u16(v: number) { this.ensure(2); this.buf.writeUInt16BE(v, this.len); this.len += 2; }
  u32(v: number) { this.ensure(4); this.buf.writeUInt32BE(v >>> 0, this.len); this.len += 4; }
  bytes(b: Buffer) { this.ensure(b.length); b.copy(this.buf, this.len); this.len += b.length; }
  name(n: string, compress = true) {
    const labels = n === "" || n === "." ? [] : n.replace(/\.$/, "").split(".");
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join(".").toLowerCase();
      const at = compress ? this.names.get(suffix) : undefined;
      if (at !== undefined) { this.u16(0xc000 | at); return; }
      if (compress && this.len < 0x3fff) this.names.set(suffix, this.len);
      const l = Buffer.from(labels[i]!, "ascii");
      if (l.length === 0 || l.length > 63) throw new Error(`bad label in ${n}`);
      this.u8(l.length);
      this.bytes(l);
    }
    this.u8(0);
  }
  rr(r: WireRecord) {
    this.name(r.name);
    this.u16(r.type); this.u16(r.cls); this.u32(r.ttl); this.u16(r.rdata.length); this.bytes(r.rdata);
  }
  get length() { return this.len; }
  done(): Buffer { return this.buf.subarray(0, this.len); }
}

/** Uncompressed wire form of a name (canonical: lower case), for rdata and TSIG. */
export function nameWire(n: string): Buffer {
  const w = new Writer();
  w.name(n.toLowerCase(), false);
  return w.done();
}

export function rdataOf(type: "A" | "AAAA" | "CNAME" | "TXT", value: string): Buffer {
  if (type === "A") {
    if (!isIPv4(value)) throw new Error(`not an IPv4 address: ${value}`);
    return Buffer.from(value.split(".").map(Number));
  }
  if (type === "AAAA") {
    if (!isIPv6(value) || value.includes(".")) throw new Error(`not a canonical IPv6 address: ${value}`);
    const [l = "", r = ""] = value.split("::");
    const left = l ? l.split(":") : [];
    const right = value.includes("::") && r ? r.split(":") : [];
    const groups = value.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
    const b = Buffer.alloc(16);
    groups.forEach((g, i) => b.writeUInt16BE(parseInt(g, 16), i * 2));
    return b;
  }
  if (type === "CNAME") return nameWire(value);
  const s = Buffer.from(value, "utf8");
  return Buffer.concat([Buffer.from([s.length]), s]);
}

function header(w: Writer, id: number, opcode: number, counts: [number, number, number, number]) {
  w.u16(id);
  w.u16(opcode << 11);
  for (const c of counts) w.u16(c);
}

/** An UPDATE message: zone, prerequisites and updates (RFC 2136 §2). */
export function buildUpdate(zone: string, prereqs: WireRecord[], updates: WireRecord[]): { id: number; message: Buffer } {
  const id = randomInt(0, 0x10000);
  const w = new Writer();
  header(w, id, OPCODE_UPDATE, [1, prereqs.length, updates.length, 0]);
  w.name(zone); w.u16(TYPE.SOA); w.u16(CLASS_IN);
  for (const r of prereqs) w.rr(r);
  for (const r of updates) w.rr(r);
  return { id, message: w.done() };
}

export function buildAxfr(zone: string): { id: number; message: Buffer } {
  const id = randomInt(0, 0x10000);
  const w = new Writer();
  header(w, id, OPCODE_QUERY, [1, 0, 0, 0]);
  w.name(zone); w.u16(TYPE.AXFR); w.u16(CLASS_IN);
  return { id, message: w.done() };
}

export const rr = {
  add: (name: string, type: keyof typeof TYPE, ttl: number, rdata: Buffer): WireRecord => ({ name, type: TYPE[type], cls: CLASS_IN, ttl, rdata }),
  deleteSet: (name: string, type: keyof typeof TYPE): WireRecord => ({ name, type: TYPE[type], cls: CLASS_ANY, ttl: 0, rdata: Buffer.alloc(0) }),
  deleteOne: (name: string, type: keyof typeof TYPE, rdata: Buffer): WireRecord => ({ name, type: TYPE[type], cls: CLASS_NONE, ttl: 0, rdata }),
  /** Prerequisite "RRset does not exist" (RFC 2136 §2.4.3). */
  noSet: (name: string, type: keyof typeof TYPE): WireRecord => ({ name, type: TYPE[type], cls: CLASS_NONE, ttl: 0, rdata: Buffer.alloc(0) }),
};

export interface TsigInfo {
  /** Offset of the TSIG record: the signed data ends here. */
  offset: number;
  keyName: string;
  algorithm: string;
  timeSigned: number;
  fudge: number;
  mac: Buffer;
  originalId: number;
  error: number;
  other: Buffer;
}

export interface ParsedMessage {
  id: number;
  rcode: string;
  answers: WireRecord[];
  /** TSIG error of the response, when the server signed or rejected the signature. */
  tsigError?: string;
  tsig?: TsigInfo;
}

/** A DNS message that cannot be read (truncated, a bad name, an rdata of the wrong size). */
export class DnsWireError extends Error {
  constructor(message: string) {
    super(`malformed DNS message: ${message}`);
    this.name = "DnsWireError";
  }
}

/** Names are at most 255 bytes on the wire (RFC 1035 §2.3.4); compression pointers may chain at most this often. */
const MAX_NAME_BYTES = 255;
const MAX_POINTER_HOPS = 64;

function need(buf: Buffer, o: number, n: number, what: string): void {
  if (o < 0 || o + n > buf.length) throw new DnsWireError(`truncated ${what} at byte ${o} (message is ${buf.length} bytes)`);
}
function u8(buf: Buffer, o: number, what: string): number {
  need(buf, o, 1, what);
  return buf.readUInt8(o);
}
function u16(buf: Buffer, o: number, what: string): number {
  need(buf, o, 2, what);
  return buf.readUInt16BE(o);
}

function readName(buf: Buffer, start: number): { name: string; next: number } {
  const labels: string[] = [];
  let o = start;
  let next = -1;
  let bytes = 1;
  for (let hops = 0; ; ) {
    const len = u8(buf, o, "name");
    if (len === 0) { o += 1; break; }
    if ((len & 0xc0) === 0xc0) {
      if (++hops > MAX_POINTER_HOPS) throw new DnsWireError(`compression pointer loop at byte ${o}`);
      if (next < 0) next = o + 2;
      o = u16(buf, o, "name pointer") & 0x3fff;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new DnsWireError(`unknown label type 0x${len.toString(16)} at byte ${o}`);
    need(buf, o + 1, len, "label");
    bytes += len + 1;
    if (bytes > MAX_NAME_BYTES) throw new DnsWireError(`a name longer than ${MAX_NAME_BYTES} bytes at byte ${start}`);
    labels.push(buf.toString("ascii", o + 1, o + 1 + len));
    o += 1 + len;
  }
  return { name: labels.join(".").toLowerCase(), next: next >= 0 ? next : o };
}

/** Parses a response; CNAME rdata is returned with its target expanded (uncompressed). Throws DnsWireError on anything malformed. */
export function parseMessage(buf: Buffer): ParsedMessage {
  need(buf, 0, 12, "header");
  const id = buf.readUInt16BE(0);
  const rcode = RCODES[buf.readUInt16BE(2) & 0xf] ?? `RCODE${buf.readUInt16BE(2) & 0xf}`;
  const counts = [4, 6, 8, 10].map((o) => buf.readUInt16BE(o));
  let o = 12;
  for (let i = 0; i < counts[0]!; i++) {
    o = readName(buf, o).next;
    need(buf, o, 4, "question");
    o += 4;
  }
  const answers: WireRecord[] = [];
  let tsigError: string | undefined;
  let tsig: TsigInfo | undefined;
  const total = counts[1]! + counts[2]! + counts[3]!;
  for (let i = 0; i < total; i++) {
    const start = o;
    const n = readName(buf, o);
    o = n.next;
    need(buf, o, 10, "record header");
    const type = buf.readUInt16BE(o);
    const cls = buf.readUInt16BE(o + 2);
    const ttl = buf.readUInt32BE(o + 4);
    const len = buf.readUInt16BE(o + 8);
    o += 10;
    need(buf, o, len, "rdata");
    let rdata = buf.subarray(o, o + len);
    if (type === TYPE.CNAME) rdata = nameWire(readName(buf, o).name);
    if (type === TYPE.TSIG) {
      // Read inside its own rdata: a TSIG that claims more than its rdlength is malformed.
      const rd = buf.subarray(0, o + len);
      const alg = readName(rd, o);
      let p = alg.next;
      need(rd, p, 10, "TSIG");
      const timeSigned = rd.readUIntBE(p, 6);
      const fudge = rd.readUInt16BE(p + 6);
      const macLen = rd.readUInt16BE(p + 8);
      need(rd, p + 10, macLen + 6, "TSIG MAC");
      const mac = Buffer.from(rd.subarray(p + 10, p + 10 + macLen));
      p += 10 + macLen;
      const originalId = rd.readUInt16BE(p);
      const err = rd.readUInt16BE(p + 2);
      const otherLen = rd.readUInt16BE(p + 4);
      need(rd, p + 6, otherLen, "TSIG other data");
      const other = Buffer.from(rd.subarray(p + 6, p + 6 + otherLen));
      tsig = { offset: start, keyName: n.name, algorithm: alg.name, timeSigned, fudge, mac, originalId, error: err, other };
      if (err !== 0) tsigError = TSIG_ERRORS[err] ?? `TSIG error ${err}`;
    } else if (i < counts[1]!) {
      answers.push({ name: n.name, type, cls, ttl, rdata });
    }
    o += len;
  }
  return { id, rcode, answers, tsigError, tsig };
}

/** Decodes the rdata of the record types Homeport reads; throws DnsWireError when it has the wrong size. */
export function rdataText(r: WireRecord): string {
  if (r.type === TYPE.A) {
    if (r.rdata.length !== 4) throw new DnsWireError(`an A record of ${r.rdata.length} bytes for ${r.name}`);
    return [...r.rdata].join(".");
  }
  if (r.type === TYPE.AAAA) {
    if (r.rdata.length !== 16) throw new DnsWireError(`an AAAA record of ${r.rdata.length} bytes for ${r.name}`);
    const groups = Array.from({ length: 8 }, (_, i) => r.rdata.readUInt16BE(i * 2).toString(16));
    return new URL(`http://[${groups.join(":")}]/`).hostname.slice(1, -1);
  }
  if (r.type === TYPE.CNAME) return readName(r.rdata, 0).name;
  if (r.type === TYPE.TXT) {
    const parts: string[] = [];
    for (let o = 0; o < r.rdata.length; ) {
      const len = u8(r.rdata, o, "TXT string");
      need(r.rdata, o + 1, len, "TXT string");
      parts.push(r.rdata.toString("utf8", o + 1, o + 1 + len));
      o += 1 + len;
    }
    return parts.join("");
  }
  return r.rdata.toString("hex");
}
