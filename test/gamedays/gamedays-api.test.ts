// Game days through the API with a scripted agent (real hub, real protocol frames, no Docker): who
// may plan and start, bad input, the blast radius, refusals read from the host's policy and the
// agent's capabilities, start → abort → aborted with the audit trail, the end at the deadline from
// the agent's own revert event, and the crash-recovery path (a game day left running by a control
// plane that died is finished from `gameday/active`, or failed when its agent never comes back).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { GET as listGET, POST as startPOST } from "@/app/api/v1/gamedays/route";
import { POST as planPOST } from "@/app/api/v1/gamedays/plan/route";
import { GET as optionsGET } from "@/app/api/v1/gamedays/options/route";
import { GET as oneGET } from "@/app/api/v1/gamedays/[id]/route";
import { POST as abortPOST } from "@/app/api/v1/gamedays/[id]/abort/route";
import { createApiToken } from "@/lib/auth";
import { createEnrollmentToken, exchangeEnrollmentToken } from "@/lib/agents";
import { sweepGameDays, REVERT_GRACE_MS, type GameDayOptions, type GameDayView, type PlanView } from "@/lib/gamedays";
import { AGENT_WS_PATH, errorResultFrame, eventFrame, resultFrame } from "@/lib/protocol";
import { call, errorOf } from "../helpers/api";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, meta } from "../agents/helpers/fixtures";
import { waitUntil } from "../agents/helpers/sse-client";

let cp: TestControlPlane;
let admin: string;
let writer: string;
let reader: string;

interface Scripted {
  hostId: string;
  ws: WebSocket;
  got: { type: string; params: Record<string, unknown> }[];
  active: { experimentId: string; kind: "stop-container"; startedAt: string; deadline: string }[];
}

/** An agent that answers the game-day requests as the real one would (netem missing, like this kernel). */
async function scriptedAgent(name: string): Promise<Scripted> {
  const { token } = await createEnrollmentToken(cp.t.db, { name }, cp.url, actor, meta);
  const { agentId, secret } = await exchangeEnrollmentToken(cp.t.db, { token, hostname: name, agentVersion: "0" }, meta);
  const ws = new WebSocket(cp.url.replace("http", "ws") + AGENT_WS_PATH, { headers: { authorization: `Bearer ${agentId}.${secret}` } });
  await new Promise<void>((res, rej) => { ws.once("open", () => res()); ws.once("error", rej); });
  const s: Scripted = { hostId: agentId, ws, got: [], active: [] };
  ws.on("message", (d: WebSocket.RawData) => {
    const m = JSON.parse(String(d)) as { type?: string; id?: string; params?: Record<string, unknown> };
    if (!m.id || !m.type?.startsWith("gameday/")) return;
    s.got.push({ type: m.type, params: m.params ?? {} });
    const p = m.params ?? {};
    if (m.type === "gameday/capabilities") ws.send(resultFrame(m.id, { allowed: true, nftables: true, netem: false, reasons: ["the kernel has no sch_netem"] }));
    else if (m.type === "gameday/active") ws.send(resultFrame(m.id, { active: s.active }));
    else if (m.type === "gameday/stop") {
      s.active = s.active.filter((a) => a.experimentId !== p.experimentId);
      ws.send(resultFrame(m.id, { reverted: true, detail: "started the container again" }));
    } else if (m.type === "gameday/start") {
      const fault = p.fault as { containerId?: string };
      if (fault.containerId === "refuse-me") return void ws.send(errorResultFrame(m.id, { code: "policy_denied", message: "faults are turned off on this host" }));
      const deadline = new Date(Date.now() + Number(p.durationSec) * 1000).toISOString();
      s.active.push({ experimentId: String(p.experimentId), kind: "stop-container", startedAt: new Date().toISOString(), deadline });
      ws.send(resultFrame(m.id, { deadline, detail: `stopped ${fault.containerId}` }));
    }
  });
  await waitUntil(async () => cp.hub.isOnline(agentId), 5_000, "the scripted agent's session");
  return s;
}

let nas: Scripted;
let serviceId: string;
let routeId: string;
let checkId: string;

beforeAll(async () => {
  cp = await startTestControlPlane();
  admin = cp.apiToken;
  writer = (await createApiToken(cp.t.db, { userId: cp.userId, name: "writer", scopes: ["write"], expiresAt: null })).token;
  reader = (await createApiToken(cp.t.db, { userId: cp.userId, name: "reader", scopes: ["read"], expiresAt: null })).token;
  nas = await scriptedAgent("hpt-gd-nas");
  const svc = await cp.t.db.service.create({ data: { name: "hpt-gd-web", image: "busybox:1", hostId: nas.hostId } });
  serviceId = svc.id;
  await cp.t.db.containerState.create({ data: { hostId: nas.hostId, containerId: "a".repeat(64), name: "hpt-gd-web-1", image: "busybox:1", state: "running", status: "Up", managed: true, serviceId } });
  routeId = (await cp.t.db.route.create({ data: { hostname: "web.home.example", serviceId, servicePort: 8080, exposure: "both" } })).id;
  checkId = (await cp.t.db.check.create({ data: { name: "web.home.example", type: "https", target: "{}", source: "route", sourceKey: `route:${routeId}` } })).id;
}, 120_000);
afterAll(async () => { nas?.ws.close(); await cp?.close(); }, 60_000);

const as = (bearer: string) => ({ bearer });
const killWeb = { experiment: { kind: "kill-service", serviceId: "" }, durationSec: 60 };
const body = () => ({ ...killWeb, experiment: { ...killWeb.experiment, serviceId } });
const audits = async (id: string) => (await cp.t.db.auditEvent.findMany({ where: { targetId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((a) => a.action);

describe("game days through the API", () => {
  it("a reader can see the blast radius: the service and its route go red, with the route's check", async () => {
    const r = await call(planPOST, "/api/v1/gamedays/plan", { method: "POST", body: body(), auth: as(reader) });
    expect(r.status, r.text).toBe(200);
    const plan = r.body as PlanView;
    expect(plan.blockers).toEqual([]);
    expect(plan.targets).toEqual([expect.objectContaining({ hostId: nas.hostId, fault: { kind: "stop-container", containerId: "hpt-gd-web-1" } })]);
    expect(plan.predictions.find((p) => p.id === routeId)).toMatchObject({ lan: "down", away: "down", checkIds: [checkId] });
    expect(plan.summary).toMatch(/^Service hpt-gd-web killed for 1 min: 1 route, 1 service should fail/);
    expect(plan.confirmWord).toBeNull();
  });

  it("a write token cannot start one; bad input and unknown services are refused with a 4xx", async () => {
    const denied = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: body(), auth: as(writer) });
    expect(denied.status).toBe(403);
    expect(await cp.t.db.gameDay.count()).toBe(0);
    const short = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: { ...body(), durationSec: 5 }, auth: as(admin) });
    expect(short.status).toBe(422);
    expect(errorOf(short).message).toMatch(/at least 10 seconds/);
    const unknown = await call(planPOST, "/api/v1/gamedays/plan", { method: "POST", body: { ...killWeb, experiment: { kind: "kill-service", serviceId: "nosuchservice" } }, auth: as(reader) });
    expect(unknown.status).toBe(404);
    expect(nas.got.filter((g) => g.type === "gameday/start")).toEqual([]);
  });

  it("netem is not offered where the kernel lacks it, and the whole LAN needs the typed confirmation", async () => {
    const opts = (await call(optionsGET, "/api/v1/gamedays/options", { auth: as(reader) })).body as GameDayOptions;
    expect(opts.hosts.find((h) => h.id === nas.hostId)).toMatchObject({ online: true, netem: false, nftables: true, reasons: ["the kernel has no sch_netem"] });
    const netem = { experiment: { kind: "netem", serviceId, delayMs: 200 }, durationSec: 30 };
    const plan = (await call(planPOST, "/api/v1/gamedays/plan", { method: "POST", body: netem, auth: as(reader) })).body as PlanView;
    expect(plan.blockers.join()).toMatch(/no netem \(the kernel has no sch_netem\)/);
    expect((await call(startPOST, "/api/v1/gamedays", { method: "POST", body: netem, auth: as(admin) })).status).toBe(409);
    const lan = { experiment: { kind: "internet-down", hostId: null }, durationSec: 30 };
    const lanPlan = (await call(planPOST, "/api/v1/gamedays/plan", { method: "POST", body: lan, auth: as(reader) })).body as PlanView;
    expect(lanPlan.confirmWord).toBe("whole LAN");
    expect(lanPlan.targets[0]!.fault).toMatchObject({ kind: "internet-down", localNets: expect.arrayContaining(["192.168.0.0/16", "fd00::/8"]) });
    const unconfirmed = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: lan, auth: as(admin) });
    expect(unconfirmed.status).toBe(422);
    expect(errorOf(unconfirmed).message).toContain('Type "whole LAN"');
  });

  it("start, abort: the agent is told both, the game day ends aborted, and all three steps are audited", async () => {
    const r = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: body(), auth: as(admin) });
    expect(r.status, r.text).toBe(201);
    const { id } = r.body as { id: string };
    expect(nas.got.find((g) => g.type === "gameday/start")?.params).toMatchObject({ experimentId: id, durationSec: 60, fault: { kind: "stop-container", containerId: "hpt-gd-web-1" } });
    const again = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: body(), auth: as(admin) });
    expect(again.status).toBe(409);
    expect(errorOf(again).message).toMatch(/already running/);
    expect((await call(abortPOST, `/api/v1/gamedays/${id}/abort`, { method: "POST", auth: as(writer) }, { id })).status).toBe(403);
    const ab = await call(abortPOST, `/api/v1/gamedays/${id}/abort`, { method: "POST", auth: as(admin) }, { id });
    expect(ab.status, ab.text).toBe(200);
    expect(nas.got.some((g) => g.type === "gameday/stop" && g.params.experimentId === id)).toBe(true);
    await sweepGameDays(cp.t.db);
    const v = (await call(oneGET, `/api/v1/gamedays/${id}`, { auth: as(reader) }, { id })).body as GameDayView;
    expect(v.status).toBe("aborted");
    expect(v.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["started", "ack", "abort", "reverted", "ended"]));
    expect(v.timeline.filter((e) => e.kind === "reverted"), "one revert per agent").toHaveLength(1);
    expect(v.outcome.items.find((i) => i.id === routeId)?.predicted).toEqual({ lan: "down", away: "down" });
    expect(await audits(id)).toEqual(["gameday.start", "gameday.abort", "gameday.end"]);
    expect((await call(abortPOST, `/api/v1/gamedays/${id}/abort`, { method: "POST", auth: as(admin) }, { id })).status).toBe(409);
    const list = (await call(listGET, "/api/v1/gamedays", { auth: as(reader) })).body as { items: { id: string; status: string }[] };
    expect(list.items[0]).toMatchObject({ id, status: "aborted" });
  });

  it("at the deadline the agent's own revert event ends it completed, with what the checks saw", async () => {
    const r = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: { ...body(), durationSec: 10 }, auth: as(admin) });
    const { id } = r.body as { id: string };
    // As if it had started 8 s ago: a result from the remote vantage 3 s in failed.
    const start = new Date(Date.now() - 8_000);
    await cp.t.db.gameDay.update({ where: { id }, data: { startedAt: start, deadlineAt: new Date(start.getTime() + 10_000) } });
    await cp.t.db.vantagePoint.create({ data: { id: "hpt-gd-vantage", name: "vps", kind: "remote" } });
    await cp.t.db.probeResult.create({ data: { checkId, vantageId: "hpt-gd-vantage", at: new Date(start.getTime() + 3000), ok: false, errorClass: "refused" } });
    // A vantage point that is turned off does not count.
    await cp.t.db.vantagePoint.create({ data: { id: "hpt-gd-off", name: "off", kind: "lan", enabled: false } });
    await cp.t.db.probeResult.create({ data: { checkId, vantageId: "hpt-gd-off", at: new Date(start.getTime() + 3000), ok: false, errorClass: "dns" } });
    nas.active = [];
    nas.ws.send(eventFrame("gameday/reverted", { experimentId: id, at: new Date().toISOString(), reason: "deadline", ok: true, error: null }));
    await waitUntil(async () => ((await cp.t.db.gameDay.findUniqueOrThrow({ where: { id } })).timeline.includes("reverted") ? true : null), 5_000, "the revert event to be recorded");
    await sweepGameDays(cp.t.db, new Date(Date.now() + 11_000));
    const v = (await call(oneGET, `/api/v1/gamedays/${id}`, { auth: as(reader) }, { id })).body as GameDayView;
    expect(v.status).toBe("completed");
    expect(v.timeline.find((e) => e.kind === "reverted")?.text).toBe("hpt-gd-nas reverted at the deadline");
    expect(v.outcome.items.find((i) => i.id === routeId)).toMatchObject({ observed: { away: "down" }, failedVantages: ["hpt-gd-vantage"], detectMs: expect.any(Number) });
    expect(v.timeline.some((e) => e.kind === "check-down" && e.text === "web.home.example fails from vps")).toBe(true);
    expect(await audits(id)).toEqual(["gameday.start", "gameday.end"]);
  });

  it("after a crash: a game day past its deadline is finished from the agent's active list, or failed when its agent never comes back", async () => {
    const past = new Date(Date.now() - 60_000);
    const scope = (hostId: string, hostName: string) => JSON.stringify({ experiment: { kind: "cut-agent", hostId }, title: `Agent of ${hostName} cut off`, targets: [{ hostId, hostName, fault: { kind: "cut-agent" }, online: true }] });
    const ack = (hostId: string) => JSON.stringify([{ at: past.toISOString(), kind: "started", text: "started" }, { at: past.toISOString(), kind: "ack", text: "acked", hostId }]);
    const back = await cp.t.db.gameDay.create({ data: { kind: "cut-agent", scope: scope(nas.hostId, "hpt-gd-nas"), status: "running", durationSec: 10, actor: "tester", startedAt: past, deadlineAt: new Date(past.getTime() + 10_000), timeline: ack(nas.hostId) } });
    const ghost = await cp.t.db.host.create({ data: { name: "hpt-gd-ghost" } });
    const gone = await cp.t.db.gameDay.create({ data: { kind: "cut-agent", scope: scope(ghost.id, "hpt-gd-ghost"), status: "running", durationSec: 10, actor: "tester", startedAt: past, deadlineAt: new Date(past.getTime() + 10_000), timeline: ack(ghost.id) } });
    await sweepGameDays(cp.t.db);
    const a = (await call(oneGET, `/api/v1/gamedays/${back.id}`, { auth: as(reader) }, { id: back.id })).body as GameDayView;
    expect(a.status).toBe("completed");
    expect(a.timeline.find((e) => e.kind === "reverted")?.text).toMatch(/is back and no longer holds the fault/);
    const waiting = await cp.t.db.gameDay.findUniqueOrThrow({ where: { id: gone.id } });
    expect(waiting.status, "an unreachable agent gets a grace period").toBe("reverting");
    await sweepGameDays(cp.t.db, new Date(Date.now() + REVERT_GRACE_MS + 1_000));
    const b = await cp.t.db.gameDay.findUniqueOrThrow({ where: { id: gone.id } });
    expect(b.status).toBe("failed");
    expect(b.error).toMatch(/hpt-gd-ghost did not confirm the revert/);
  });

  it("an agent that refuses the fault fails the game day with its words, audited once", async () => {
    const svc = await cp.t.db.service.create({ data: { name: "hpt-gd-refused", image: "busybox:1", hostId: nas.hostId } });
    await cp.t.db.containerState.create({ data: { hostId: nas.hostId, containerId: "b".repeat(64), name: "refuse-me", image: "busybox:1", state: "running", status: "Up", managed: true, serviceId: svc.id } });
    const r = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: { experiment: { kind: "kill-service", serviceId: svc.id }, durationSec: 30 }, auth: as(admin) });
    expect(r.status, r.text).toBe(201);
    const { id, status } = r.body as { id: string; status: string };
    expect(status).toBe("failed");
    const v = (await call(oneGET, `/api/v1/gamedays/${id}`, { auth: as(reader) }, { id })).body as GameDayView;
    expect(v.status).toBe("failed");
    expect(v.error).toBe("hpt-gd-nas: faults are turned off on this host");
    expect(v.timeline.find((e) => e.kind === "refused")?.text).toBe("hpt-gd-nas did not apply the fault: faults are turned off on this host");
    expect(await audits(id)).toEqual(["gameday.start", "gameday.end"]);
  });

  it("a host whose owner turned faults off is refused early with a 403", async () => {
    await cp.t.db.host.update({ where: { id: nas.hostId }, data: { agentPolicy: JSON.stringify({ allowFaults: false }) } });
    try {
      const r = await call(startPOST, "/api/v1/gamedays", { method: "POST", body: body(), auth: as(admin) });
      expect(r.status).toBe(403);
      expect(errorOf(r).message).toMatch(/--deny-faults/);
    } finally {
      await cp.t.db.host.update({ where: { id: nas.hostId }, data: { agentPolicy: null } });
    }
  });
});
