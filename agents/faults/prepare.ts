// Turns a requested fault into what the dead-man's switch journals (its undo data, a failsafe) and
// the step that applies it; every check that can refuse runs here, before anything is armed.
import { z } from "zod";
import type { Fault } from "@/lib/protocol";
import { AgentError } from "../errors";
import type { HandlerContext } from "../handlers";
import { applyInternetDown, checkLocalNets, containerSubnets } from "./internet-down";
import { applyNetem, containerPid, netemArgs, netemSupport } from "./netem";
import { deleteTableArgv, gameDayTable } from "./nft-ruleset";
import { nftSupport } from "./capabilities";
import { applyStop, inspectTarget } from "./stop-container";

/** What each kind journals; parsed again when it is undone (possibly by another agent process). */
export const FaultDataSchemas = {
  "internet-down": z.object({ table: z.string().min(1).max(128) }),
  "stop-container": z.object({ containerId: z.string().min(1), name: z.string(), wasRunning: z.boolean(), target: z.string() }),
  "cut-agent": z.object({ until: z.number(), target: z.string() }),
  netem: z.object({ containerId: z.string().min(1), name: z.string(), target: z.string() }),
} as const;

export interface PreparedFault {
  data: unknown;
  failsafe?: string[];
  /** Something only one fault at a time may hold (a container, the link); null when faults stack. */
  target: string | null;
  apply(): Promise<string>;
}

export async function prepareFault(experimentId: string, fault: Fault, deadlineMs: number, ctx: HandlerContext): Promise<PreparedFault> {
  switch (fault.kind) {
    case "internet-down": {
      checkLocalNets(fault.localNets);
      const nft = await nftSupport();
      if (!nft.ok) throw new AgentError("unavailable", nft.reason ?? "nftables is not usable here");
      const table = gameDayTable(experimentId);
      const containerNets = await containerSubnets(ctx.docker);
      const comment = `homeport game day ${experimentId}: internet down until ${new Date(deadlineMs).toISOString()}`;
      return {
        data: { table },
        failsafe: deleteTableArgv(table),
        target: null,
        apply: () => applyInternetDown(table, fault.localNets, containerNets, comment),
      };
    }
    case "stop-container": {
      const t = await inspectTarget(ctx.docker, fault.containerId);
      return {
        data: { containerId: t.containerId, name: t.name, wasRunning: t.wasRunning, target: `container:${t.containerId}` },
        target: `container:${t.containerId}`,
        apply: () => applyStop(ctx.docker, t),
      };
    }
    case "cut-agent":
      return {
        data: { until: deadlineMs, target: "link" },
        target: "link",
        apply: async () => {
          ctx.link.holdOff(deadlineMs);
          return `the agent drops its control link and stays away until ${new Date(deadlineMs).toISOString()}`;
        },
      };
    case "netem": {
      const args = netemArgs(fault);
      const support = await netemSupport();
      if (!support.ok) throw new AgentError("unavailable", support.reason ?? "netem is not available on this host");
      const c = await containerPid(ctx.docker, fault.containerId);
      return {
        data: { containerId: c.id, name: c.name, target: `container:${c.id}` },
        target: `container:${c.id}`,
        apply: async () => {
          await applyNetem(c.pid, fault);
          return `container ${c.name}: ${args.join(" ")} on its network`;
        },
      };
    }
  }
}
