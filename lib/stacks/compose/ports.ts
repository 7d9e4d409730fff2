// Compose `ports:` (short "[IP:][HOST:]CONTAINER[/PROTO]" with ranges, and long syntax) and `expose:`
// into the inventory's PortSchema shape: { container, host?, protocol, hostIp }.
import type { PortSchema } from "@/lib/inventory/schemas";
import type { z } from "zod";
import { isRecord, type Reporter } from "./context";
import { show, type KeyPath } from "./issues";
import { parseInteger } from "./units";

export type Port = z.infer<typeof PortSchema>;

/** Ports one service may publish, ranges expanded (the inventory's limit). */
export const MAX_PORTS = 64;
/** Compose publishes on every address when a host port has no IP. */
const ALL_ADDRESSES = "0.0.0.0";
/** PortSchema's address for a port that is not published (unused by Docker then). */
const UNPUBLISHED_IP = "127.0.0.1";
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

type Range = { start: number; end: number };

/** "80" or "8000-8010" → a range, or an error naming the bad number. */
function parseRange(s: string): Range | string {
  const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(s.trim());
  if (!m) return `${show(s)} is not a port number`;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  for (const n of [start, end]) if (n < 1 || n > 65535) return `${n} is out of range (1-65535)`;
  if (end < start) return `${s} is an empty range`;
  return { start, end };
}

function parseProtocol(p: string | undefined): "tcp" | "udp" | null {
  const v = (p ?? "tcp").toLowerCase();
  return v === "tcp" || v === "udp" ? v : null;
}

interface Mapping { ip: string | null; host: Range | null; container: Range; protocol: "tcp" | "udp" }

function parseShort(raw: string): Mapping | string {
  const slash = raw.lastIndexOf("/");
  const body = slash >= 0 ? raw.slice(0, slash) : raw;
  const protocol = parseProtocol(slash >= 0 ? raw.slice(slash + 1) : undefined);
  if (!protocol) return `the protocol is tcp or udp`;
  let ip: string | null = null;
  let rest = body;
  if (body.startsWith("[")) {
    const close = body.indexOf("]");
    if (close < 0) return "an unclosed [ in the address";
    ip = body.slice(1, close);
    rest = body.slice(close + 2);
  }
  const parts = rest.split(":");
  let hostPart: string | null = null;
  let containerPart: string;
  if (parts.length === 1) containerPart = parts[0]!;
  else if (parts.length === 2) [hostPart, containerPart] = parts as [string, string];
  else if (parts.length === 3 && ip === null) [ip, hostPart, containerPart] = parts as [string, string, string];
  else return "expected [IP:][HOST:]CONTAINER[/PROTOCOL]";
  const container = parseRange(containerPart);
  if (typeof container === "string") return container;
  let host: Range | null = null;
  if (hostPart !== null && hostPart !== "") {
    const h = parseRange(hostPart);
    if (typeof h === "string") return h;
    host = h;
  }
  return { ip, host, container, protocol };
}

function expand(m: Mapping, raw: string): Port[] | string {
  if (m.ip !== null && !IPV4.test(m.ip)) {
    return m.ip.includes(":") ? "IPv6 addresses are not supported for published ports" : `${show(m.ip)} is not an IPv4 address`;
  }
  const count = m.container.end - m.container.start + 1;
  if (m.host && m.host.end - m.host.start + 1 !== count) {
    return count === 1 ? "a host port range for one container port is not supported: give one host port" : `${raw}: the host and container ranges differ in size`;
  }
  if (count > MAX_PORTS) return `the range holds ${count} ports; at most ${MAX_PORTS}`;
  const out: Port[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      container: m.container.start + i,
      ...(m.host ? { host: m.host.start + i } : {}),
      protocol: m.protocol,
      hostIp: m.host ? (m.ip ?? ALL_ADDRESSES) : UNPUBLISHED_IP,
    });
  }
  return out;
}

const LONG_KEYS = new Set(["target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"]);

function parseLong(v: Record<string, unknown>, path: KeyPath, r: Reporter): Mapping | null {
  for (const k of Object.keys(v)) if (!LONG_KEYS.has(k) && !k.startsWith("x-")) r.error([...path, k], `${k} is not supported in a port`, "key");
  if (v.mode !== undefined && v.mode !== "host" && v.mode !== "ingress") r.error([...path, "mode"], `${show(v.mode)}: the mode is host or ingress`);
  const protocol = parseProtocol(typeof v.protocol === "string" ? v.protocol : undefined);
  if (!protocol) {
    r.error([...path, "protocol"], `${show(v.protocol)}: the protocol is tcp or udp`);
    return null;
  }
  const target = parseInteger(v.target);
  if (target === null || target < 1 || target > 65535) {
    r.error([...path, "target"], v.target === undefined ? "target (the container port) is required" : `${show(v.target)} is not a port (1-65535)`);
    return null;
  }
  let host: Range | null = null;
  if (v.published !== undefined && v.published !== "") {
    const h = parseRange(String(v.published));
    if (typeof h === "string") {
      r.error([...path, "published"], `${show(v.published)} is not a port: ${h}`);
      return null;
    }
    host = h;
  }
  const ip = typeof v.host_ip === "string" && v.host_ip !== "" ? v.host_ip : null;
  return { ip, host, container: { start: target, end: target }, protocol };
}

/** The service's `ports` then `expose`, normalised; errors name the entry. */
export function normalisePorts(ports: unknown, expose: unknown, base: KeyPath, r: Reporter): Port[] {
  const out: Port[] = [];
  const items = Array.isArray(ports) ? ports : [];
  items.forEach((item, i) => {
    const path = [...base, "ports", i];
    let mapping: Mapping | null;
    let raw: string;
    if (isRecord(item)) {
      mapping = parseLong(item, path, r);
      raw = JSON.stringify(item);
    } else {
      raw = String(item);
      const m = parseShort(raw.trim());
      if (typeof m === "string") {
        r.error(path, `${show(item)} is not a port: ${m}`);
        return;
      }
      mapping = m;
    }
    if (!mapping) return;
    const ports = expand(mapping, raw);
    if (typeof ports === "string") {
      r.error(path, `${show(item)} is not a port: ${ports}`);
      return;
    }
    if (!mapping.host) {
      r.warn(path, `${show(item)} gives no host port: Compose would publish it on a random one; Homeport leaves it unpublished (other services of the stack still reach it)`);
    }
    out.push(...ports);
  });
  const exposed = Array.isArray(expose) ? expose : [];
  exposed.forEach((item, i) => {
    const m = parseShort(String(item).trim());
    if (typeof m === "string" || m.host || m.ip) {
      r.error([...base, "expose", i], `${show(item)} is not a container port: ${typeof m === "string" ? m : "expose takes PORT[/PROTOCOL]"}`);
      return;
    }
    const ports = expand(m, String(item));
    if (typeof ports === "string") r.error([...base, "expose", i], `${show(item)}: ${ports}`);
    else out.push(...ports.filter((p) => !out.some((o) => o.container === p.container && o.protocol === p.protocol)));
  });
  if (out.length > MAX_PORTS) r.error([...base, "ports"], `${out.length} ports once ranges are expanded; at most ${MAX_PORTS}`);
  return out;
}

/** Whether two published ports would claim the same host socket (0.0.0.0 overlaps every address). */
export function portsClash(a: Port, b: Port): boolean {
  return a.host !== undefined && a.host === b.host && a.protocol === b.protocol
    && (a.hostIp === b.hostIp || a.hostIp === ALL_ADDRESSES || b.hostIp === ALL_ADDRESSES);
}
