// Game days over the agent protocol (issue 17): real faults an agent injects and always reverts,
// armed on the agent's dead-man's switch. Browser-safe.
// (Filled in by the game-day work: requests go in GameDayWriteRequests/GameDayReadRequests, events in GameDayEvents.)
export const GameDayReadRequests = {} as const;
export const GameDayWriteRequests = {} as const;
export const GameDayEvents = {} as const;
