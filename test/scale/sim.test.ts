// The agent simulator in CI at a small size against the real server process: 50 simulated agents
// of 20 containers, real enrollment and protocol, churn and stats for ~30 s and one reconnect
// storm. The control plane must stay consistent: every container (and its last state) known, every
// host online after the storm, no die lost on the browser's event stream, no agent refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ControlPlane } from "@/sim/control-plane";
import { EventWatch } from "@/sim/event-watch";
import { Fleet } from "@/sim/fleet";
import { startLocalControlPlane, type LocalControlPlane } from "@/sim/local-server";
import { measureWindow } from "@/sim/measure";
import type { SimAgent } from "@/sim/agent";

const AGENTS = 50;
const CONTAINERS = 20;
const STEADY_SECONDS = 30;
const CONNECT_TIMEOUT_MS = 60_000;
const STORM_TIMEOUT_MS = 60_000;
/** Time for the last events of a stopped load to be written before the state is compared. */
const SETTLE_MS = 3_000;
/** A close code the simulator itself causes: its own dropped sockets (no closing handshake). */
const DROPPED = 1006;

const ContainersAnswer = z.object({ items: z.array(z.object({ containerId: z.string(), state: z.string(), status: z.string() })) });
const StatusAnswer = z.object({ online: z.boolean() });

let local: LocalControlPlane;
let cp: ControlPlane;
let watch: EventWatch;
let fleet: Fleet;

beforeAll(async () => {
  local = await startLocalControlPlane();
  cp = new ControlPlane(local.base, local.token);
  watch = new EventWatch(local.base, { cookie: local.cookie });
  await watch.ready();
  fleet = new Fleet({ base: local.base, containers: CONTAINERS, statsIntervalSeconds: 5, churnPerAgentPerMinute: 6, probeResultsPerAgentPerMinute: 1, sources: 1 });
}, 90_000);

afterAll(async () => {
  fleet?.stop();
  watch?.stop();
  await local?.close();
});

/** Containers the control plane knows for each agent that differ from what the agent reported. */
async function mismatches(agents: readonly SimAgent[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of agents) {
    const known = new Map(ContainersAnswer.parse(await cp.call("GET", `/api/v1/hosts/${a.id}/containers`)).items.map((c) => [c.containerId, c]));
    for (const c of a.containers) {
      const k = known.get(c.id);
      if (!k) out.push(`${a.id}/${c.name}: unknown to the control plane`);
      else if (k.state !== c.state || k.status !== c.status) out.push(`${a.id}/${c.name}: ${k.state} "${k.status}" there, ${c.state} "${c.status}" on the agent`);
    }
    if (known.size !== a.containers.length) out.push(`${a.id}: ${known.size} containers known, ${a.containers.length} reported`);
  }
  return out;
}

async function offline(agents: readonly SimAgent[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of agents) if (!StatusAnswer.parse(await cp.call("GET", `/api/v1/hosts/${a.id}/status`)).online) out.push(a.id);
  return out;
}

describe("the agent simulator against a real control plane", () => {
  it("keeps 50 agents × 20 containers consistent through churn and a reconnect storm", { timeout: 180_000 }, async () => {
    const agents = await fleet.grow(AGENTS, cp, "ci-sim");
    expect(fleet.enrollFailures, "enrollments refused").toBe(0);
    expect(agents).toHaveLength(AGENTS);
    expect(await fleet.waitAllBack(watch, fleet.lastStartedAt, CONNECT_TIMEOUT_MS), "every agent connected and said online on the event stream").not.toBeNull();

    fleet.startLoad();
    const steady = await measureWindow(fleet, watch, cp, local.pid, STEADY_SECONDS);
    fleet.stopLoad();
    expect(steady.eventsSent, "the churn sent die events").toBeGreaterThan(20);
    expect(steady.eventsLost, "die events missing from the browser's event stream").toBe(0);
    expect(watch.drops, "the event stream was dropped").toBe(0);
    expect(watch.resyncDropped, "events the server dropped for the browser's stream").toBe(0);

    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(await mismatches(agents), "containers as the control plane knows them after churn").toEqual([]);

    const back = await fleet.waitAllBack(watch, fleet.storm(), STORM_TIMEOUT_MS);
    expect(back, "every agent back after the storm").not.toBeNull();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(await offline(agents), "hosts not online after the storm").toEqual([]);
    expect(await mismatches(agents), "containers as the control plane knows them after the storm").toEqual([]);

    expect(Object.fromEntries(fleet.refusals), "connections refused (HTTP status → count)").toEqual({});
    const serverCloses = [...fleet.closeCodes].filter(([code]) => code !== DROPPED);
    expect(serverCloses, "connections the control plane closed itself (code, count)").toEqual([]);
    expect(fleet.connected).toBe(AGENTS);
  });
});
