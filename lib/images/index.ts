// The images domain: which images hosts hold (presence), the LAN registry mirror, and update checks.
export * from "./presence-schemas";
export { IMAGE_LIST_TIMEOUT_MS, imageInTags, listHostImageTags, hostImageLookup, presenceReport, stackImagePresence, hostImagePresence } from "./presence";
export { getRegistryMirror, isLanRegistry, pullSource } from "./mirror";
