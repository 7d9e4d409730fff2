// Recent CPU/memory samples per container, kept in memory for the service pages: keyed by host and
// container, accepted only for containers that host reported, a compact ring each (grown as samples
// come, at most STATS_HISTORY), and pruned when a container or host goes, or when a host has been
// offline longer than its history is worth. One agent can neither grow it without bound nor write
// another host's samples.
import type { StatsSample } from "@/lib/protocol";

/** Samples kept per container (the agent samples every 15 s: half an hour). */
export const STATS_HISTORY = 120;
/** Containers tracked per host at most (an agent snapshot lists at most 2,000). */
export const MAX_STATS_CONTAINERS_PER_HOST = 2000;

/** A ring's first capacity; it doubles up to STATS_HISTORY (short-lived containers stay small). */
const INITIAL_RING = 8;
/** Per sample: the time as float64 (ms), CPU, memory and limit as float32 (20 bytes, not 32). */
const VALUES = 3; // cpuPercent, memoryBytes, memoryLimitBytes

class Ring {
  private at: Float64Array = new Float64Array(INITIAL_RING);
  private values: Float32Array = new Float32Array(INITIAL_RING * VALUES);
  private next = 0;
  private size = 0;

  constructor(readonly serviceId: string | null) {}

  private get capacity(): number {
    return this.at.length;
  }

  /** Doubles the ring (up to STATS_HISTORY), oldest first. Only while it has never wrapped. */
  private grow(): void {
    const old = this.capacity;
    const cap = Math.min(STATS_HISTORY, old * 2);
    const at = new Float64Array(cap);
    const values = new Float32Array(cap * VALUES);
    at.set(this.at);
    values.set(this.values);
    this.at = at;
    this.values = values;
    this.next = old; // it was full and never wrapped: the oldest is at 0, the next slot after the old end
  }

  push(s: StatsSample): void {
    if (this.size === this.capacity && this.capacity < STATS_HISTORY) this.grow();
    const i = this.next;
    this.at[i] = Date.parse(s.at) || Date.now();
    this.values[i * VALUES] = s.cpuPercent;
    this.values[i * VALUES + 1] = s.memoryBytes;
    this.values[i * VALUES + 2] = s.memoryLimitBytes;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.capacity, this.size + 1);
  }

  samples(containerId: string): StatsSample[] {
    const out: StatsSample[] = [];
    const cap = this.capacity;
    const first = (this.next - this.size + cap) % cap;
    for (let k = 0; k < this.size; k++) {
      const i = (first + k) % cap;
      out.push({
        containerId,
        serviceId: this.serviceId,
        at: new Date(this.at[i]!).toISOString(),
        cpuPercent: Math.round(this.values[i * VALUES]! * 100) / 100,
        memoryBytes: Math.round(this.values[i * VALUES + 1]!),
        memoryLimitBytes: Math.round(this.values[i * VALUES + 2]!),
      });
    }
    return out;
  }

  get bytes(): number {
    return this.at.byteLength + this.values.byteLength;
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
    const known = this.known.get(hostId);
    known?.delete(containerId);
    if (known?.size === 0) this.known.delete(hostId);
    const rings = this.hosts.get(hostId);
    rings?.delete(containerId);
    if (rings?.size === 0) this.hosts.delete(hostId);
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

  /** Hosts with anything kept (history or known containers). */
  hostIds(): string[] {
    return [...new Set([...this.hosts.keys(), ...this.known.keys()])];
  }

  /** Containers with history, across hosts (for tests and figures). */
  get size(): number {
    let n = 0;
    for (const r of this.hosts.values()) n += r.size;
    return n;
  }

  /** Container ids remembered as reported, across hosts. */
  get knownCount(): number {
    let n = 0;
    for (const k of this.known.values()) n += k.size;
    return n;
  }

  /** Bytes of sample storage (rings), for figures. */
  get sampleBytes(): number {
    let n = 0;
    for (const r of this.hosts.values()) for (const ring of r.values()) n += ring.bytes;
    return n;
  }
}
