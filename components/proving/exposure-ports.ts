// The scan dialog's custom port list: "22, 80, 8000-8100" read into sorted, distinct ports, with a
// sentence for what is wrong (a bad token, a port out of range, a range backwards, too many ports).
import { MAX_SCAN_PORTS } from "@/lib/exposure/schemas";

export type PortListResult = { ok: true; ports: number[] } | { ok: false; error: string };

const MAX_PORT = 65535;

export function parsePortList(text: string, max = MAX_SCAN_PORTS): PortListResult {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: "Enter at least one port, e.g. 22, 80, 8000-8100." };
  const ports = new Set<number>();
  for (const t of tokens) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(t);
    if (!m) return { ok: false, error: `"${t}" is not a port or a range like 8000-8100.` };
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (const p of [from, to]) if (p < 1 || p > MAX_PORT) return { ok: false, error: `${p} is not a TCP port (1–65535).` };
    if (to < from) return { ok: false, error: `${t} runs backwards: write ${to}-${from}.` };
    if (to - from + 1 + ports.size > max * 2) return { ok: false, error: `At most ${max.toLocaleString("en-US")} ports per scan.` };
    for (let p = from; p <= to; p++) ports.add(p);
  }
  if (ports.size > max) return { ok: false, error: `${ports.size.toLocaleString("en-US")} ports: at most ${max.toLocaleString("en-US")} per scan.` };
  return { ok: true, ports: [...ports].sort((a, b) => a - b) };
}
