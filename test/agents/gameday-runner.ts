// Runs the agent's game-day handlers and dead-man's switch in a process of its own (inside a test
// network namespace via `ip netns exec`), as the agent would: `start` injects a fault and stays up
// until killed; `recover` is a fresh agent start that undoes what a dead one left.
// Usage: tsx gameday-runner.ts <start|recover> <stateDir> [experimentId durationSec faultJson]
import Docker from "dockerode";
import { DEFAULT_HOST_POLICY, FaultSchema } from "@/lib/protocol";
import { Deadman, type DeadmanEnv, type Reverter } from "@/agents/deadman";
import { gameDayDeadman, gameDayHandlers } from "@/agents/gameday-handlers";
import type { HandlerContext } from "@/agents/handlers";
import { RolloutLocks } from "@/agents/rollouts";

const [mode, stateDir = "", experimentId = "", durationSec = "10", faultJson = "{}"] = process.argv.slice(2);
const docker = new Docker();
const env: DeadmanEnv = { docker, emit: () => false, link: { holdOff: () => undefined, resume: () => undefined } };
const deadman = new Deadman({
  stateDir,
  reverters: gameDayDeadman.reverters(env) as Record<string, Reverter>,
  onReverted: (entry, reason, error) => console.log(`REVERTED ${JSON.stringify({ id: entry.id, reason, error })}`),
  failsafeGraceMs: Number(process.env.GAMEDAY_FAILSAFE_GRACE_MS ?? 5000),
});

async function main(): Promise<void> {
  if (mode === "recover") {
    console.log(`RECOVERED ${await deadman.recover()}`);
    return;
  }
  const ctx: HandlerContext = { docker, emit: () => false, stateDir, policy: DEFAULT_HOST_POLICY, locks: new RolloutLocks(), deadman, link: env.link };
  const r = await gameDayHandlers["gameday/start"]({ experimentId, fault: FaultSchema.parse(JSON.parse(faultJson)), durationSec: Number(durationSec) }, ctx);
  console.log(`STARTED ${JSON.stringify(r)}`);
  process.on("SIGTERM", () => void deadman.revertAll("shutdown").finally(() => process.exit(0)));
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  console.log(`FAILED ${err instanceof Error ? `${(err as { code?: string }).code ?? ""} ${err.message}` : String(err)}`);
  process.exit(1);
});
