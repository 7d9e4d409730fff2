// The agent protocol, shared by the agent (agents/) and the control-plane hub (lib/agents/).
export * from "./constants";
export * from "./docker";
export * from "./spec";
export * from "./policy";
export * from "./probes";
export * from "./files";
export * from "./log-stream";
export * from "./exec";
export * from "./swarm";
export * from "./scan";
export * from "./gameday";
export * from "./firewall";
export * from "./messages";
export * from "./envelope";
export * from "./parse";
