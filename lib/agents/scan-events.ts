// The hub's handlers for the scan events agents push (issue 17, proving ground).
import type { ScanEvents } from "@/lib/protocol";
import type { EventHandlerTable } from "./event-handlers";

export const SCAN_EVENT_HANDLERS: Pick<EventHandlerTable, keyof typeof ScanEvents> = {};
