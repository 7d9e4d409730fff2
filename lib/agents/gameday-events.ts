// The hub's handlers for the gameday events agents push (issue 17, proving ground): an agent
// reverted a fault. The revert is appended to the game day's timeline in one statement (only from
// an agent the experiment ran on); lib/gamedays' scheduler finishes the game day once every agent
// has reverted, and the page follows through the `gameday/status` live event.
import { log } from "@/lib/log";
import type { GameDayEvents } from "@/lib/protocol";
import { ScopeSchema, type TimelineEntry } from "@/lib/gamedays/schemas";
import type { EventHandlerTable } from "./event-handlers";

const REASONS = { deadline: "at the deadline", stopped: "when asked", "agent-start": "at its own start (left by a process that died)" } as const;

export const GAMEDAY_EVENT_HANDLERS: Pick<EventHandlerTable, keyof typeof GameDayEvents> = {
  "gameday/reverted": {
    rate: "dockerEvent",
    async handle(p, { hub, session, db, now }) {
      const row = await db.gameDay.findUnique({ where: { id: p.experimentId }, select: { scope: true, status: true } });
      let target: { hostName: string } | undefined;
      try {
        target = row ? ScopeSchema.parse(JSON.parse(row.scope)).targets.find((t) => t.hostId === session.hostId) : undefined;
      } catch {
        target = undefined;
      }
      if (!row || !target) {
        log.warn("agents", "a game-day revert for an experiment this host was not part of", { hostId: session.hostId, experimentId: p.experimentId });
        return;
      }
      const entry: TimelineEntry = {
        at: now.toISOString(),
        kind: "reverted",
        text: p.ok ? `${target.hostName} reverted ${REASONS[p.reason]}` : `${target.hostName} failed to revert ${REASONS[p.reason]}: ${p.error ?? "unknown error"}`,
        hostId: session.hostId,
        ok: p.ok,
      };
      await db.$executeRaw`UPDATE "GameDay" SET "timeline" = json_insert("timeline", '$[#]', json(${JSON.stringify(entry)})) WHERE "id" = ${p.experimentId}`;
      hub.bus.publish({ type: "gameday/status", id: p.experimentId, status: row.status });
    },
  },
};
