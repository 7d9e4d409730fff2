// The agent's handlers for the firewall requests (issue 17, proving ground); spread into handlers.ts.
import type { FirewallReadRequests, FirewallWriteRequests } from "@/lib/protocol";
import type { HandlerMap } from "./handlers";

export const firewallHandlers: Pick<HandlerMap, keyof typeof FirewallReadRequests | keyof typeof FirewallWriteRequests> = {};
