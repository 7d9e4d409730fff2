// A rollout's log keeps every line the agent sent before its answer. Results skip the hub's event
// queue while log lines wait in it, so a fast failure (an offline pull fails in tens of ms) used to
// be recorded before its last lines were handled — "pulling …" went missing from the log. Here a
// scripted agent answers a deploy with a slow event (a big snapshot), then its log lines, then the
// result, all at once: the stored log must hold every line, in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createEnrollmentToken, deployService, exchangeEnrollmentToken } from "@/lib/agents";
import { AGENT_WS_PATH, errorResultFrame, eventFrame, resultFrame, type ContainerSummary } from "@/lib/protocol";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { actor, addService, meta } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";

const LINES = 40;
const SNAPSHOT_CONTAINERS = 300;

let cp: TestControlPlane;

function bigSnapshot(): ContainerSummary[] {
  return Array.from({ length: SNAPSHOT_CONTAINERS }, (_, i) => ({
    id: i.toString(16).padStart(12, "0"),
    name: `other-${i}`,
    image: "busybox:1",
    state: "running" as const,
    status: "Up 1 minute",
    health: null,
    exitCode: null,
    managed: false,
    serviceId: null,
    specHash: null,
    ports: [],
    startedAt: null,
  }));
}

/** A scripted agent: answers each service/apply with a slow event, LINES log lines, then `answer`. */
async function scriptedAgent(name: string, answer: "ok" | "fail"): Promise<{ hostId: string; ws: WebSocket }> {
  const { token } = await createEnrollmentToken(cp.t.db, { name }, cp.url, actor, meta);
  const { agentId, secret } = await exchangeEnrollmentToken(cp.t.db, { token, hostname: name, agentVersion: "0" }, meta);
  const ws = new WebSocket(cp.url.replace("http", "ws") + AGENT_WS_PATH, { headers: { authorization: `Bearer ${agentId}.${secret}` } });
  await new Promise<void>((res, rej) => { ws.once("open", () => res()); ws.once("error", rej); });
  ws.on("message", (d: WebSocket.RawData) => {
    const m = JSON.parse(String(d)) as { type?: string; id?: string; params?: { deploymentId?: string } };
    if (m.type !== "service/apply" || !m.id) return;
    const deploymentId = m.params!.deploymentId!;
    ws.send(eventFrame("agent/snapshot", { at: new Date().toISOString(), containers: bigSnapshot() }));
    for (let i = 0; i < LINES; i++) ws.send(eventFrame("deploy/log", { deploymentId, at: new Date().toISOString(), line: `line ${i}` }));
    ws.send(answer === "ok"
      ? resultFrame(m.id, { outcome: "created", specHash: "a".repeat(64), containerId: "c".repeat(64) })
      : errorResultFrame(m.id, { code: "image_pull_failed", message: "could not pull busybox:1: connection refused" }));
  });
  await waitUntil(async () => cp.hub.isOnline(agentId), 5_000, "the scripted agent's session");
  return { hostId: agentId, ws };
}

beforeAll(async () => { cp = await startTestControlPlane(); }, 120_000);
afterAll(async () => { await cp?.close(); }, 60_000);

describe("a rollout's log", () => {
  for (const answer of ["fail", "ok"] as const) {
    it(`keeps every line sent before the agent's answer (${answer === "ok" ? "success" : "fast failure"})`, async () => {
      const { hostId, ws } = await scriptedAgent(`hpt-order-${answer}`, answer);
      try {
        const svc = await addService(cp.t.db, { name: `hpt-order-${answer}`, image: "busybox:1", hostId });
        const { finished } = await deployService(cp.t.db, svc.id, { pull: false }, actor, meta);
        const d = await finished;
        expect(d.status).toBe(answer === "ok" ? "succeeded" : "failed");
        const lines = d.log.map((l) => l.replace(/^\S+ /, ""));
        expect(lines).toEqual(Array.from({ length: LINES }, (_, i) => `line ${i}`));
        const row = await cp.t.db.deployment.findUniqueOrThrow({ where: { id: d.id } });
        expect(row.log.split("\n")).toHaveLength(LINES);
      } finally {
        ws.close();
      }
    }, 60_000);
  }
});
