// Game days over the agent protocol (issue 17): real faults an agent injects and always reverts.
// Every fault is armed on the agent's dead-man's switch (agents/deadman.ts) before it is applied,
// so the agent reverts it at the deadline whatever happens to the control plane or the link, and
// at its next start if the agent itself died. Browser-safe.
import { z } from "zod";

/** The shortest and longest fault: long enough to see checks fail, short enough to be a drill. */
export const MIN_FAULT_SECONDS = 10;
export const MAX_FAULT_SECONDS = 3600;
/** How long the control plane should wait for `gameday/start`: a stopped container gets up to 10 s to stop. */
export const GAMEDAY_START_TIMEOUT_MS = 30_000;
/** Networks one internet-down fault may keep reachable. */
export const MAX_LOCAL_NETS = 64;

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an id");
const ContainerId = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, "a container id or name");

/** An IPv4 or IPv6 network in CIDR form, e.g. 192.168.1.0/24 or fd00::/8. */
export const CidrSchema = z
  .string()
  .max(64)
  .regex(/^(?:(?:\d{1,3}\.){3}\d{1,3}\/(?:\d|[12]\d|3[0-2])|[0-9a-fA-F:]+\/(?:\d|\d\d|1[01]\d|12[0-8]))$/, "a network such as 192.168.1.0/24");

export const FaultSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("internet-down"),
    /** What stays reachable: the LAN. Loopback is always kept. Everything else is dropped both ways. */
    localNets: z.array(CidrSchema).min(1).max(MAX_LOCAL_NETS),
  }),
  /** Stops a container (a service, the DNS server, the tunnel connector) and starts it again at the end. */
  z.object({ kind: z.literal("stop-container"), containerId: ContainerId }),
  /** The agent drops its control connection and stays away until the end. */
  z.object({ kind: z.literal("cut-agent") }),
  /** Latency and loss on a container's network (tc netem inside its network namespace). */
  z.object({
    kind: z.literal("netem"),
    containerId: ContainerId,
    delayMs: z.number().int().min(0).max(10_000).default(0),
    jitterMs: z.number().int().min(0).max(10_000).default(0),
    lossPct: z.number().min(0).max(100).default(0),
  }),
]);
export type Fault = z.infer<typeof FaultSchema>;
export type FaultKind = Fault["kind"];

/** What this agent can inject (`gameday/capabilities`). */
export const FaultCapabilitiesSchema = z.object({
  allowed: z.boolean().describe("false when the host's owner turned faults off (--deny-faults)"),
  nftables: z.boolean().describe("nft is installed and usable: internet-down works"),
  netem: z.boolean().describe("the kernel has sch_netem: netem works"),
  reasons: z.array(z.string().max(512)).max(8).describe("why something is missing, in words"),
});
export type FaultCapabilities = z.infer<typeof FaultCapabilitiesSchema>;

export const ActiveFaultSchema = z.object({
  experimentId: Id,
  kind: z.enum(["internet-down", "stop-container", "cut-agent", "netem"]),
  startedAt: z.string().max(64),
  deadline: z.string().max(64),
});
export type ActiveFault = z.infer<typeof ActiveFaultSchema>;

export const GameDayReadRequests = {
  "gameday/capabilities": { params: z.object({}), result: FaultCapabilitiesSchema },
  "gameday/active": { params: z.object({}), result: z.object({ active: z.array(ActiveFaultSchema).max(64) }) },
} as const;

export const GameDayWriteRequests = {
  /** Arms the dead-man's switch, then applies the fault; a fault that fails to apply is reverted at once. */
  "gameday/start": {
    params: z.object({
      experimentId: Id,
      fault: FaultSchema,
      durationSec: z.number().int().min(MIN_FAULT_SECONDS).max(MAX_FAULT_SECONDS),
    }),
    result: z.object({ deadline: z.string().max(64), detail: z.string().max(4096) }),
  },
  /** Reverts now (abort or normal end). Unknown ids answer `reverted: false` (already reverted). */
  "gameday/stop": {
    params: z.object({ experimentId: Id }),
    result: z.object({ reverted: z.boolean(), detail: z.string().max(4096) }),
  },
} as const;

export const GameDayEvents = {
  /** The agent reverted a fault: at the deadline, when asked, or at its own start (left by a dead process). */
  "gameday/reverted": z.object({
    experimentId: Id,
    at: z.string().max(64),
    reason: z.enum(["deadline", "stopped", "agent-start"]),
    ok: z.boolean(),
    error: z.string().max(4096).nullable(),
  }),
} as const;
