// The hub's handlers for the gameday events agents push (issue 17, proving ground).
// PLACEHOLDER until the game-day control-plane work lands: reverts are only logged.
import { log } from "@/lib/log";
import type { GameDayEvents } from "@/lib/protocol";
import type { EventHandlerTable } from "./event-handlers";

export const GAMEDAY_EVENT_HANDLERS: Pick<EventHandlerTable, keyof typeof GameDayEvents> = {
  "gameday/reverted": {
    rate: "dockerEvent",
    async handle(p, { session }) {
      log.info("agents", "an agent reverted a game-day fault", { hostId: session.hostId, experimentId: p.experimentId, reason: p.reason, ok: p.ok });
    },
  },
};
