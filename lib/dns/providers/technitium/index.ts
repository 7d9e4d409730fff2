// The technitium provider: its descriptor (browser-safe) and its implementation (server-only).
export * from "./descriptor";
export * from "./provider";
