// The agent's handlers for the gameday requests (issue 17, proving ground); spread into handlers.ts.
// PLACEHOLDER until the game-day agent work lands: every request answers "unavailable".
import type { GameDayReadRequests, GameDayWriteRequests } from "@/lib/protocol";
import { AgentError } from "./errors";
import type { HandlerMap } from "./handlers";
import type { DeadmanFeature } from "./deadman";

const notYet = async (): Promise<never> => {
  throw new AgentError("unavailable", "game days are not available on this agent yet");
};

export const gameDayHandlers: Pick<HandlerMap, keyof typeof GameDayReadRequests | keyof typeof GameDayWriteRequests> = {
  "gameday/capabilities": notYet,
  "gameday/active": notYet,
  "gameday/start": notYet,
  "gameday/stop": notYet,
};

/** Undo steps for what these handlers arm on the dead-man's switch (kinds prefixed "gameday:"). */
export const gameDayDeadman: DeadmanFeature = { reverters: () => ({}) };
