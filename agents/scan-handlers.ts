// The agent's handlers for the scan requests (issue 17, proving ground); spread into handlers.ts.
import type { ScanReadRequests } from "@/lib/protocol";
import type { HandlerMap } from "./handlers";

export const scanHandlers: Pick<HandlerMap, keyof typeof ScanReadRequests> = {};
