// The hub's handlers for the gameday events agents push (issue 17, proving ground).
import type { GameDayEvents } from "@/lib/protocol";
import type { EventHandlerTable } from "./event-handlers";

export const GAMEDAY_EVENT_HANDLERS: Pick<EventHandlerTable, keyof typeof GameDayEvents> = {};
