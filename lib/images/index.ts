// The images domain: which images hosts hold (presence), the LAN registry mirror, and update checks.
export * from "./presence-schemas";
export { IMAGE_LIST_TIMEOUT_MS, imageInTags, listHostImageTags, hostImageLookup, presenceReport, stackImagePresence, hostImagePresence } from "./presence";
export { getRegistryMirror, isLanRegistry, pullSource } from "./mirror";
export * from "./update-schemas";
export { checkTag, parseBearerChallenge, RegistryError, type RegistryErrorClass, type RegistryOptions, type TagState } from "./registry";
export { runUpdateCheck, runIfDue, checkNow, listUpdates, scheduleImageUpdates, IMAGE_UPDATES_TICK_MS } from "./updates";
export { applyServiceUpdate, applyStackUpdate } from "./apply";
