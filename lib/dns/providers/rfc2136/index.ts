// The rfc2136 provider: its descriptor (browser-safe) and its implementation (server-only).
export * from "./descriptor";
export * from "./provider";
