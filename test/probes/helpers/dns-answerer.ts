// A tiny DNS server for tests: answers every A question with one fixed address (other types: no
// records) and counts the questions it got. Listens where the test says (loopback, or an address
// inside a namespace the test made, when started there as a program with `dnsAnswererProgram`).
import { createSocket, type Socket } from "node:dgram";

/** The answer to a DNS query `q` (RFC 1035): A questions get `address`, others an empty NOERROR. */
export function dnsAnswer(q: Buffer, address: string): Buffer | null {
  if (q.length < 12) return null;
  let i = 12;
  while (i < q.length && q[i] !== 0) i += q[i]! + 1;
  const qEnd = i + 5; // zero label + QTYPE + QCLASS
  if (qEnd > q.length) return null;
  const qtype = q.readUInt16BE(i + 1);
  const header = Buffer.from(q.subarray(0, 12));
  header.writeUInt16BE(0x8180, 2); // response, recursion desired + available, NOERROR
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(qtype === 1 ? 1 : 0, 6);
  header.writeUInt32BE(0, 8);
  const question = q.subarray(12, qEnd);
  if (qtype !== 1) return Buffer.concat([header, question]);
  const answer = Buffer.alloc(16);
  answer.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
  answer.writeUInt16BE(1, 2);
  answer.writeUInt16BE(1, 4);
  answer.writeUInt32BE(60, 6);
  answer.writeUInt16BE(4, 10);
  address.split(".").forEach((o, k) => answer.writeUInt8(Number(o), 12 + k));
  return Buffer.concat([header, question, answer]);
}

export interface DnsAnswerer {
  port: number;
  questions(): number;
  close(): Promise<void>;
}

export async function startDnsAnswerer(host: string, address: string, port = 0): Promise<DnsAnswerer> {
  const s: Socket = createSocket("udp4");
  let count = 0;
  s.on("message", (msg, rinfo) => {
    count++;
    const a = dnsAnswer(msg, address);
    if (a) s.send(a, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => s.bind(port, host, r));
  return { port: s.address().port, questions: () => count, close: () => new Promise((r) => s.close(() => r())) };
}
