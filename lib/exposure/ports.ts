// The port list of a scan (pure): "default" is the top 1,000 TCP ports plus the admin ports, SSH,
// every published port and every port a route needs; "published" only the last two; or a list.
import { ADMIN_PORTS, SSH_PORT } from "./rules";
import { MAX_SCAN_PORTS } from "./schemas";
import { TOP_TCP_PORTS } from "./top-ports";

export type PortChoice = "default" | "published" | number[];

const valid = (p: number) => Number.isInteger(p) && p >= 1 && p <= 65535;

/**
 * Sorted, unique, at most MAX_SCAN_PORTS. When the default list would be longer, the ports this
 * lab publishes or needs and the admin ports stay and the highest-numbered of the top ports go.
 */
export function scanPorts(choice: PortChoice, published: number[], needed: number[]): number[] {
  if (Array.isArray(choice)) return [...new Set(choice.filter(valid))].sort((a, b) => a - b).slice(0, MAX_SCAN_PORTS);
  const must = [...published, ...needed].filter(valid);
  if (choice === "published") return [...new Set(must)].sort((a, b) => a - b).slice(0, MAX_SCAN_PORTS);
  const first = new Set([...must, ...Object.keys(ADMIN_PORTS).map(Number), SSH_PORT]);
  const out = new Set([...first].slice(0, MAX_SCAN_PORTS));
  for (const p of TOP_TCP_PORTS) {
    if (out.size >= MAX_SCAN_PORTS) break;
    out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}
