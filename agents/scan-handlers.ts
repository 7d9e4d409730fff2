// The agent's handlers for the scan requests (issue 17, proving ground); spread into handlers.ts.
import type { ScanReadRequests } from "@/lib/protocol";
import type { HandlerMap } from "./handlers";
import { AgentError } from "./errors";
import { scanTcp } from "./scan";
import { readPosture } from "./posture";

export const scanHandlers: Pick<HandlerMap, keyof typeof ScanReadRequests> = {
  "scan/tcp": async (params, ctx) => {
    if (!ctx.policy.allowScan) throw new AgentError("policy_denied", "this host's owner turned exposure scans off (--deny-scan)");
    return scanTcp(params);
  },
  "posture/read": async (_p, { docker }) => readPosture(docker),
};
