// A fleet of simulated agents in this process: enrolls them through the real flow, keeps them
// busy (stats on a fixed interval, container churn and probe results at set rates, all on one
// ticker), drops them all at once (a reconnect storm) and says when every one is back.
import { SimAgent, type SimIdentity } from "./agent";
import type { ControlPlane } from "./control-plane";
import type { EventWatch } from "./event-watch";

const TICK_MS = 250;
const BACK_POLL_MS = 100;
/** Enrollments in flight at once. */
export const ENROLL_CONCURRENCY = 8;

export interface FleetOptions {
  base: string;
  containers: number;
  statsIntervalSeconds: number;
  churnPerAgentPerMinute: number;
  probeResultsPerAgentPerMinute: number;
  /** Loopback source addresses to spread the agents over (127.0.0.1 … 127.0.0.N); 1 = the default route. */
  sources: number;
}

export interface DieFigures {
  sent: number;
  lost: number;
  latenciesMs: number[];
}

export class Fleet {
  readonly agents: SimAgent[] = [];
  /** Die sequence number → when the agent handed it to its socket. */
  readonly diesSent = new Map<number, number>();
  /** Agent id → when its socket last opened. */
  readonly openedAt = new Map<string, number>();
  /** Close codes seen, and refused upgrades (HTTP status) — a healthy run sees only the storms' 1006. */
  readonly closeCodes = new Map<number, number>();
  readonly refusals = new Map<number, number>();
  enrollFailures = 0;
  /** When the last `grow` started its agents (after enrolling them all): connect times count from here. */
  lastStartedAt = 0;
  private seq = 0;
  private tick = 0;
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly opts: FleetOptions) {}

  get connected(): number {
    return this.agents.reduce((n, a) => n + (a.connected ? 1 : 0), 0);
  }

  get containerCount(): number {
    return this.agents.length * this.opts.containers;
  }

  /**
   * Enrolls `n` more agents (names `<prefix>-<i>`), then starts them all at once (`lastStartedAt`);
   * resolves once they are started, not yet connected.
   */
  async grow(n: number, cp: ControlPlane, prefix: string): Promise<SimAgent[]> {
    const first = this.agents.length;
    const identities: (SimIdentity | null)[] = new Array(n).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const i = next++;
        try {
          identities[i] = await cp.enroll(`${prefix}-${first + i}`);
        } catch (err) {
          this.enrollFailures++;
          if (this.enrollFailures <= 3) process.stderr.write(`[sim] ${err instanceof Error ? err.message : String(err)}\n`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ENROLL_CONCURRENCY, n) }, worker));
    const added: SimAgent[] = [];
    this.lastStartedAt = performance.now();
    for (const identity of identities) {
      if (!identity) continue;
      const index = this.agents.length;
      const localAddress = this.opts.sources > 1 ? `127.0.0.${1 + (index % this.opts.sources)}` : undefined;
      const agent = new SimAgent({
        base: this.opts.base,
        identity,
        containers: this.opts.containers,
        localAddress,
        hooks: {
          onOpen: (a) => this.openedAt.set(a.id, performance.now()),
          onClose: (_a, code, status) => {
            this.closeCodes.set(code, (this.closeCodes.get(code) ?? 0) + 1);
            if (status !== null) this.refusals.set(status, (this.refusals.get(status) ?? 0) + 1);
          },
          onDieSent: (_a, seq, at) => this.diesSent.set(seq, at),
        },
      });
      this.agents.push(agent);
      added.push(agent);
      agent.start();
    }
    return added;
  }

  /** Starts stats, churn and probe results on one ticker. */
  startLoad(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => this.onTick(), TICK_MS);
  }

  stopLoad(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** Drops every socket at once; each agent comes back with the real agent's backoff. Returns when. */
  storm(): number {
    const at = performance.now();
    for (const a of this.agents) a.drop();
    return at;
  }

  /**
   * Waits until every `agents` (all by default) is connected again after `since` and the event stream
   * said so after it connected (its hello handled, or its changed snapshot published). Seconds from `since` to the last one back, or null
   * when `timeoutMs` passed first. If the event stream itself dropped meanwhile, a connected agent
   * counts as back (its snapshot event may have been lost with the stream).
   */
  async waitAllBack(watch: EventWatch, since: number, timeoutMs: number, agents: readonly SimAgent[] = this.agents): Promise<number | null> {
    const drops = watch.drops;
    const end = performance.now() + timeoutMs;
    for (;;) {
      let last = since;
      let all = true;
      for (const a of agents) {
        const opened = this.openedAt.get(a.id) ?? -1;
        // The hub publishes a snapshot only when it differs from what it holds (an unchanged one is
        // not news to a browser); its hello handled (host/status online) is then the sign it is back.
        const snap = watch.snapshots.get(a.id) ?? -1;
        const hello = watch.onlineAt.get(a.id) ?? -1;
        const seen = Math.max(snap >= opened ? snap : -1, hello >= opened ? hello : -1);
        const back = a.connected && opened >= since && (seen >= 0 || watch.drops !== drops);
        if (!back) {
          all = false;
          break;
        }
        last = Math.max(last, seen >= 0 ? seen : opened);
      }
      if (all) return (last - since) / 1000;
      if (performance.now() > end) return null;
      await new Promise((r) => setTimeout(r, BACK_POLL_MS));
    }
  }

  /** Dies sent in [from, to) and what became of them on the event stream. */
  dies(watch: EventWatch, from: number, to: number): DieFigures {
    const latenciesMs: number[] = [];
    let sent = 0;
    for (const [seq, at] of this.diesSent) {
      if (at < from || at >= to) continue;
      sent++;
      const seen = watch.dies.get(seq);
      if (seen !== undefined) latenciesMs.push(seen - at);
    }
    return { sent, lost: sent - latenciesMs.length, latenciesMs };
  }

  stop(): void {
    this.stopLoad();
    for (const a of this.agents) a.stop();
  }

  private onTick(): void {
    this.tick++;
    const perSecond = 1000 / TICK_MS;
    const statsEvery = Math.max(1, Math.round(this.opts.statsIntervalSeconds * perSecond));
    const slot = this.tick % statsEvery;
    for (let i = slot; i < this.agents.length; i += statsEvery) this.agents[i]!.sendStats();
    this.spread(this.opts.churnPerAgentPerMinute, (a) => this.churn(a));
    this.spread(this.opts.probeResultsPerAgentPerMinute, (a) => a.sendProbeResults());
  }

  /** Calls `fn` on random agents as often as `perAgentPerMinute` asks over one tick. */
  private spread(perAgentPerMinute: number, fn: (a: SimAgent) => void): void {
    if (perAgentPerMinute <= 0 || this.agents.length === 0) return;
    const expected = (this.agents.length * perAgentPerMinute * TICK_MS) / 60_000;
    const count = Math.floor(expected) + (Math.random() < expected % 1 ? 1 : 0);
    for (let k = 0; k < count; k++) fn(this.agents[Math.floor(Math.random() * this.agents.length)]!);
  }

  /** One container state change: running ones mostly die (some stop); stopped ones start or restart. */
  private churn(a: SimAgent): void {
    const i = Math.floor(Math.random() * a.containers.length);
    const running = a.containers[i]?.state === "running";
    const action = running ? (Math.random() < 0.75 ? "die" : "stop") : Math.random() < 0.5 ? "start" : "restart";
    a.change(i, action, ++this.seq);
  }
}
