// The hub's handlers for the firewall events agents push (issue 17, proving ground).
import type { FirewallEvents } from "@/lib/protocol";
import type { EventHandlerTable } from "./event-handlers";

export const FIREWALL_EVENT_HANDLERS: Pick<EventHandlerTable, keyof typeof FirewallEvents> = {};
