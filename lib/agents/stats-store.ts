// Recent CPU/memory samples per container, kept in memory for the service pages: keyed by host and
// container, accepted only for containers that host reported, a fixed-size ring each, and pruned
// when a container or host goes. One agent can neither grow it without bound nor write another
// host's samples.
import type { StatsSample } from "@/lib/protocol";

/** Samples kept per container (the agent samples every 15 s: half an hour). */
export const STATS_HISTORY = 120;
/** Containers tracked per host at most (an agent snapshot lists at most 2,000). */
export const MAX_STATS_CONTAINERS_PER_HOST = 2000;

const FIELDS = 4; // at (ms), cpuPercent, memoryBytes, memoryLimitBytes

class Ring {
  private readonly data = new Float64Array(STATS_HISTORY * FIELDS);
  private next = 0;
  private size = 0;

  constructor(readonly serviceId: string | null) {}

  push(s: StatsSample): void {
    const o = this.next * FIELDS;
    this.data[o] = Date.parse(s.at) || Date.now();
    this.data[o + 1] = s.cpuPercent;
    this.data[o + 2] = s.memoryBytes;
    this.data[o + 3] = s.memoryLimitBytes;
    this.next = (this.next + 1) % STATS_HISTORY;
    this.size = Math.min(STATS_HISTORY, this.size + 1);
  }

  samples(containerId: string): StatsSample[] {
    const out: StatsSample[] = [];
    const first = (this.next - this.size + STATS_HISTORY) % STATS_HISTORY;
    for (let i = 0; i < this.size; i++) {
      const o = ((first + i) % STATS_HISTORY) * FIELDS;
      out.push({
        containerId,
        serviceId: this.serviceId,
        at: new Date(this.data[o]!).toISOString(),
        cpuPercent: this.data[o + 1]!,
        memoryBytes: this.data[o + 2]!,
        memoryLimitBytes: this.data[o + 3]!,
      });
    }
    return out;
  }
}

export class StatsStore {
  private readonly hosts = new Map<string, Map<string, Ring>>();
  /** Containers each host reported (snapshot + events): samples for others are dropped. */
  private readonly known = new Map<string, Set<string>>();

  /** A snapshot: the host's containers are exactly these; history of the others goes. */
  setKnown(hostId: string, containerIds: string[]): void {
    const set = new Set(containerIds.slice(0, MAX_STATS_CONTAINERS_PER_HOST));
    this.known.set(hostId, set);
    const rings = this.hosts.get(hostId);
    if (rings) for (const id of rings.keys()) if (!set.has(id)) rings.delete(id);
  }

  addKnown(hostId: string, containerId: string): void {
    const set = this.known.get(hostId) ?? new Set<string>();
    if (set.size < MAX_STATS_CONTAINERS_PER_HOST) set.add(containerId);
    this.known.set(hostId, set);
  }

  removeContainer(hostId: string, containerId: string): void {
    this.known.get(hostId)?.delete(containerId);
    this.hosts.get(hostId)?.delete(containerId);
  }

  removeHost(hostId: string): void {
    this.known.delete(hostId);
    this.hosts.delete(hostId);
  }

  /** Stores the sample if the container belongs to the host; false when it was dropped. */
  add(hostId: string, s: StatsSample): boolean {
    if (!this.known.get(hostId)?.has(s.containerId)) return false;
    let rings = this.hosts.get(hostId);
    if (!rings) this.hosts.set(hostId, (rings = new Map()));
    let ring = rings.get(s.containerId);
    if (!ring) rings.set(s.containerId, (ring = new Ring(s.serviceId)));
    ring.push(s);
    return true;
  }

  history(hostId: string, containerId: string): StatsSample[] {
    return this.hosts.get(hostId)?.get(containerId)?.samples(containerId) ?? [];
  }

  /** Containers with history, across hosts (for tests and figures). */
  get size(): number {
    let n = 0;
    for (const r of this.hosts.values()) n += r.size;
    return n;
  }
}
