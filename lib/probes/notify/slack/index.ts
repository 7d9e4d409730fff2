// The slack channel: its descriptor (browser-safe) and its sender (server-only).
export * from "./descriptor";
export * from "./channel";
