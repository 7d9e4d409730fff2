// Game days through a real agent process connected to a test control plane, on the real Docker
// engine: a container stopped and started again at the deadline (and one already stopped left
// alone), the agent cut off and back after the deadline, --deny-faults, conflicts, and what the
// agent says it can do (no sch_netem on this kernel).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type Docker from "dockerode";
import { AgentRequestError } from "@/lib/agents";
import { GAMEDAY_EVENT_HANDLERS } from "@/lib/agents/gameday-events";
import { LABELS, type RequestParamsInput, type RequestType } from "@/lib/protocol";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, runHelper } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { enrolledAgent } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-gd-";

let cp: TestControlPlane;
let image: string;
let host: { hostId: string; agent: AgentProcess };
let denied: { hostId: string; agent: AgentProcess };
let web: Docker.Container;
let idle: Docker.Container;
let cpClosed = false;

const ask = <T extends RequestType>(hostId: string, type: T, params: RequestParamsInput<T>) => {
  const s = cp.hub.session(hostId);
  if (!s) throw new Error(`host ${hostId} is not connected`);
  return s.request(type, params);
};
const codeOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof AgentRequestError ? `${e.code}: ${e.message}` : String(e)));
/** The control plane's handler for the agent's "gameday/reverted" events, watched (it still runs). */
const reverted = vi.spyOn(GAMEDAY_EVENT_HANDLERS["gameday/reverted"], "handle");
const revertedEvent = (experimentId: string) =>
  waitUntil(async () => reverted.mock.calls.map((c) => c[0]).find((e) => e.experimentId === experimentId), 15_000, `the reverted event of ${experimentId}`);
const running = async (c: Docker.Container) => (await c.inspect()).State.Running;

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  host = await enrolledAgent(cp, `${PREFIX}lab`);
  denied = await enrolledAgent(cp, `${PREFIX}locked`, ["--deny-faults"]);
  web = await runHelper(PREFIX, image, "web", ["sleep", "3600"]);
  idle = await docker.createContainer({ name: `${PREFIX}idle`, Image: image, Cmd: ["sleep", "3600"], Labels: { [LABELS.test]: PREFIX } });
}, 300_000);

afterAll(async () => {
  await host?.agent.kill("SIGKILL");
  await denied?.agent.kill("SIGKILL");
  if (!cpClosed) await cp?.close();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

describe("game days through a real agent", () => {
  it("says what it can inject, and why not: nftables yes, netem not on this kernel", async () => {
    const caps = await ask(host.hostId, "gameday/capabilities", {});
    expect(caps).toMatchObject({ allowed: true, nftables: true, netem: false });
    expect(caps.reasons.join(" ")).toMatch(/sch_netem/);
    const locked = await ask(denied.hostId, "gameday/capabilities", {});
    expect(locked.allowed).toBe(false);
    expect(locked.reasons.join(" ")).toMatch(/--deny-faults/);
  });

  it("a host whose owner said --deny-faults refuses every fault, and nothing is stopped", async () => {
    const r = await codeOf(ask(denied.hostId, "gameday/start", { experimentId: "deny1", fault: { kind: "stop-container", containerId: web.id }, durationSec: 10 }));
    expect(r).toMatch(/^policy_denied: .*--deny-faults/);
    expect(await running(web)).toBe(true);
    expect((await ask(denied.hostId, "gameday/active", {})).active).toEqual([]);
  });

  it("netem is unavailable here, with the reason; a container that does not exist is not found", async () => {
    expect(await codeOf(ask(host.hostId, "gameday/start", { experimentId: "net1", fault: { kind: "netem", containerId: web.id, delayMs: 200 }, durationSec: 10 }))).toMatch(/^unavailable: .*sch_netem/);
    expect(await codeOf(ask(host.hostId, "gameday/start", { experimentId: "nf1", fault: { kind: "stop-container", containerId: `${PREFIX}nope` }, durationSec: 10 }))).toMatch(/^not_found/);
    expect((await ask(host.hostId, "gameday/active", {})).active).toEqual([]);
  });

  it("stops a running container and starts it again at the deadline; the same experiment or container twice is a conflict", async () => {
    const started = await ask(host.hostId, "gameday/start", { experimentId: "stop1", fault: { kind: "stop-container", containerId: `${PREFIX}web` }, durationSec: 10 });
    const t0 = Date.now();
    expect(started.detail).toMatch(/stopped; it is started again at the end/);
    expect(await running(web)).toBe(false);
    const active = (await ask(host.hostId, "gameday/active", {})).active;
    expect(active).toEqual([expect.objectContaining({ experimentId: "stop1", kind: "stop-container", deadline: started.deadline })]);
    expect(await codeOf(ask(host.hostId, "gameday/start", { experimentId: "stop1", fault: { kind: "cut-agent" }, durationSec: 10 }))).toMatch(/^conflict/);
    expect(await codeOf(ask(host.hostId, "gameday/start", { experimentId: "stop2", fault: { kind: "stop-container", containerId: web.id }, durationSec: 10 }))).toMatch(/^conflict: experiment stop1 already holds that container/);
    await waitUntil(() => running(web), 20_000, "the container to run again at the deadline");
    expect(Date.now() - t0).toBeGreaterThan(5_000);
    expect((await ask(host.hostId, "gameday/active", {})).active).toEqual([]);
    expect(await revertedEvent("stop1")).toMatchObject({ reason: "deadline", ok: true, error: null });
  }, 60_000);

  it("a container that was already stopped is not started at the end; stop answers once, then 'already reverted'", async () => {
    const started = await ask(host.hostId, "gameday/start", { experimentId: "idle1", fault: { kind: "stop-container", containerId: idle.id }, durationSec: 10 });
    expect(started.detail).toMatch(/already stopped/);
    expect(await ask(host.hostId, "gameday/stop", { experimentId: "idle1" })).toMatchObject({ reverted: true });
    expect(await ask(host.hostId, "gameday/stop", { experimentId: "idle1" })).toMatchObject({ reverted: false });
    expect(await running(idle)).toBe(false);
    expect(await revertedEvent("idle1")).toMatchObject({ reason: "stopped", ok: true });
  }, 30_000);

  it("cut-agent: the reply arrives, the agent drops off, and it is back after the deadline", async () => {
    const started = await ask(host.hostId, "gameday/start", { experimentId: "cut1", fault: { kind: "cut-agent" }, durationSec: 10 });
    const deadline = Date.parse(started.deadline);
    await waitUntil(async () => !cp.hub.isOnline(host.hostId), 5_000, "the agent to drop its link");
    const offAt = Date.now();
    await waitUntil(async () => cp.hub.isOnline(host.hostId), 30_000, "the agent to come back");
    expect(offAt).toBeLessThan(deadline);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 1_000); // it stayed away until its time
    expect((await ask(host.hostId, "gameday/active", {})).active).toEqual([]);
    // Reverted while the link was down: the event waited and went out once the agent was back.
    expect(await revertedEvent("cut1")).toMatchObject({ reason: "deadline", ok: true });
  }, 60_000);

  it("the control plane dies mid-experiment: the agent still starts the container again at the deadline", async () => {
    await ask(host.hostId, "gameday/start", { experimentId: "orphan1", fault: { kind: "stop-container", containerId: web.id }, durationSec: 10 });
    expect(await running(web)).toBe(false);
    cpClosed = true;
    await cp.close();
    await waitUntil(() => running(web), 20_000, "the container to run again with no control plane").catch((e: Error) => {
      throw new Error(`${e.message}\n${host.agent.output().slice(-2000)}`);
    });
  }, 60_000);
});
