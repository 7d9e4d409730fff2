// The game-days domain (issue 17): real faults injected through the agents and always reverted —
// planning with the blast radius, start and abort, the end at the deadline and after a crash,
// and what the checks saw next to what the drill predicted.
export * from "./schemas";
export { planGameDay, planView, CAPABILITIES_TIMEOUT_MS } from "./plan";
export { startGameDay, abortGameDay, activeGameDay } from "./run";
export { sweepGameDays, sweepOne, scheduleGameDays, GAMEDAY_SWEEP_INTERVAL_MS, REVERT_GRACE_MS } from "./finish";
export { getGameDay } from "./view";
export { listGameDays } from "./store";
export { gameDayOptions } from "./options";
