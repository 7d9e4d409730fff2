// The agent's handlers for the firewall requests (issue 17, proving ground); spread into handlers.ts.
import type { FirewallReadRequests, FirewallWriteRequests } from "@/lib/protocol";
import type { HandlerMap } from "./handlers";
import type { DeadmanFeature } from "./deadman";

export const firewallHandlers: Pick<HandlerMap, keyof typeof FirewallReadRequests | keyof typeof FirewallWriteRequests> = {};

/** Undo steps for what these handlers arm on the dead-man's switch (kinds prefixed "firewall:"). */
export const firewallDeadman: DeadmanFeature = { reverters: () => ({}) };
