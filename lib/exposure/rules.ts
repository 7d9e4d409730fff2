// The exposure rules' tables: admin interfaces by port, plain-HTTP ports, what a rule is called and
// what to do about it. Pure data, shared by the findings and their tests.
import type { Severity } from "./schemas";

/** Admin interfaces and databases that must never be reachable from where nobody needs them. */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  2375: "the Docker API without TLS",
  2376: "the Docker API",
  2019: "Caddy's admin API",
  3306: "MySQL/MariaDB",
  5432: "PostgreSQL",
  6379: "Redis",
  27017: "MongoDB",
  9200: "Elasticsearch",
};

/** Ports that usually speak HTTP without TLS. */
export const PLAIN_HTTP_PORTS = new Set([80, 81, 3000, 5000, 8000, 8008, 8080, 8081, 8088, 8123, 8888, 9000]);

/** Ports a LAN commonly answers on that are not the lab's exposure (DNS for the LAN). */
export const LAN_INFRA_PORTS = new Set([53]);

/** Images older than this many days are stale. */
export const OLD_IMAGE_DAYS = 180;

export const SSH_PORT = 22;

/** Weight of one finding in the score, and the most one severity may take off in all. */
export const SCORE_WEIGHTS: Readonly<Record<Severity, { each: number; cap: number }>> = {
  critical: { each: 30, cap: 100 },
  high: { each: 12, cap: 60 },
  medium: { each: 5, cap: 25 },
  low: { each: 1, cap: 10 },
};
/** With any critical finding the score stays at or below this. */
export const CRITICAL_SCORE_CEILING = 40;

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };
