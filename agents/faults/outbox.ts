// Holds "gameday/reverted" events the agent could not send (it reverts at start before it connects,
// and a cut-agent fault ends while the link is still down) and sends them once the link is back.
import type { z } from "zod";
import type { GameDayEvents } from "@/lib/protocol";

type Reverted = z.infer<(typeof GameDayEvents)["gameday/reverted"]>;

/** How often a held event is tried again, how long it is kept, and how many are kept. */
export const OUTBOX_RETRY_MS = 1_000;
export const OUTBOX_MAX_AGE_MS = 24 * 3600_000;
export const OUTBOX_MAX = 64;

export class GameDayOutbox {
  private readonly held: { event: Reverted; since: number; send: (e: Reverted) => boolean }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly retryMs = OUTBOX_RETRY_MS, private readonly now: () => number = Date.now) {}

  /** Sends now if connected; otherwise keeps it (oldest dropped beyond OUTBOX_MAX) and tries again. */
  send(event: Reverted, send: (e: Reverted) => boolean): void {
    if (this.held.length === 0 && send(event)) return;
    this.held.push({ event, since: this.now(), send });
    if (this.held.length > OUTBOX_MAX) this.held.shift();
    this.arm();
  }

  get pending(): number {
    return this.held.length;
  }

  /** Tries the held events in order; stops at the first that cannot go out yet. */
  flush(): void {
    while (this.held.length > 0) {
      const h = this.held[0]!;
      if (this.now() - h.since > OUTBOX_MAX_AGE_MS) {
        this.held.shift();
        continue;
      }
      if (!h.send(h.event)) break;
      this.held.shift();
    }
    if (this.held.length > 0) this.arm();
  }

  private arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.retryMs);
    this.timer.unref();
  }
}
