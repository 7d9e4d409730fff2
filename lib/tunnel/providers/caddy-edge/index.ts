// The caddy-edge tunnel kind: its descriptor (browser-safe) and its provider (server-only).
export * from "./descriptor";
export * from "./provider";
