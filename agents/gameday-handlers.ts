// The agent's handlers for the gameday requests (issue 17, proving ground); spread into handlers.ts.
import type { GameDayReadRequests, GameDayWriteRequests } from "@/lib/protocol";
import type { HandlerMap } from "./handlers";

export const gameDayHandlers: Pick<HandlerMap, keyof typeof GameDayReadRequests | keyof typeof GameDayWriteRequests> = {};
