// The egress proof on real Docker with a real agent. "Out there" is a network namespace the test
// makes (198.51.100.232/30: host .233, namespace .234) with a TCP server and a DNS server that
// answers every name; the root namespace routes to it, so a container on Docker's ordinary bridge
// reaches it, and one on Homeport's internal network does not. The service's resolv.conf is a file
// the test mounts (nameserver .234), so no lookup goes anywhere but the namespace; the proof's
// addresses and names are set to that server (never the defaults).
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { updateSettings } from "@/lib/settings";
import { egressSourceKey, syncAutoChecks } from "@/lib/probes";
import { deleteService } from "@/lib/inventory";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "../agents/helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "../agents/helpers/control-plane";
import { actor, addService, changeService, deployAndWait, enrolledAgent, httpdCommand, meta } from "../agents/helpers/fixtures";
import type { AgentProcess } from "../agents/helpers/agent-process";
import { waitUntil } from "../agents/helpers/sse-client";
import { call, errorOf } from "../helpers/api";
import { createApiToken } from "@/lib/auth";
import { GET as proofsGET } from "@/app/api/v1/egress-proofs/route";
import { POST as verifyPOST } from "@/app/api/v1/services/[id]/egress-proof/route";
import type { EgressProofsView, EgressProofView } from "@/lib/probes";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";

const PREFIX = "hpt-g-";
const NS = "hpt-egress-proof";
const NS_IP = "198.51.100.234";
const SERVER_PORT = 8080;
const TARGET = `${NS_IP}:${SERVER_PORT}`;
const NAME = "proof.example";
const PROOF_WAIT_MS = 60_000;

let cp: TestControlPlane;
let image: string;
let agent: AgentProcess;
let ns: VethNamespace;
let servers: ChildProcess;
let serversOut = "";
let hostId: string;
let work: string;

/** The TCP server and the DNS server, inside the namespace. */
function startServers(): Promise<void> {
  const script = [
    "import { createServer } from 'node:net';",
    "import { startDnsAnswerer } from './test/probes/helpers/dns-answerer.ts';",
    `await startDnsAnswerer('${NS_IP}', '${NS_IP}', 53);`,
    `await new Promise((r) => createServer((s) => s.end('out there\\n')).listen(${SERVER_PORT}, '${NS_IP}', r));`,
    "console.log('ready');",
  ].join("\n");
  servers = spawn("ip", ["netns", "exec", NS, process.execPath, "--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      serversOut += b.toString();
      if (serversOut.includes("ready")) resolve();
    };
    servers.stdout?.on("data", onData);
    servers.stderr?.on("data", onData);
    servers.once("exit", (code) => reject(new Error(`namespace servers exited (${code}): ${serversOut}`)));
  });
}

/** The proofs as the dashboard reads them (GET /api/v1/egress-proofs, read scope). */
async function proofsApi(): Promise<EgressProofView | undefined> {
  const r = await call(proofsGET, "/api/v1/egress-proofs", { auth: { bearer: tokens.read } });
  expect(r.status).toBe(200);
  return (r.body as EgressProofsView).proofs.find((p) => p.serviceId === serviceId);
}
const tokens = { read: "", write: "" };

async function proofCheck() {
  return cp.t.db.check.findUnique({ where: { sourceKey: egressSourceKey(serviceId) } });
}
let serviceId = "";

/** Waits until the proof's latest result is newer than `since` and returns the check and that result. */
async function nextProof(since: Date) {
  return waitUntil(async () => {
    const check = await proofCheck();
    if (!check) return null;
    const r = await cp.t.db.probeResult.findFirst({ where: { checkId: check.id, at: { gt: since } }, orderBy: { at: "desc" } });
    return r ? { check: (await proofCheck())!, result: r } : null;
  }, PROOF_WAIT_MS, "an egress proof result");
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  ns = await createVethNamespace({ netns: NS, vethHost: "hptegp0", vethNs: "hptegp1", hostCidr: "198.51.100.233/30", nsIp: NS_IP });
  await startServers();
  cp = await startTestControlPlane();
  work = mkdtempSync(join(tmpdir(), "homeport-egress-"));
  writeFileSync(join(work, "resolv.conf"), `nameserver ${NS_IP}\n`);
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`, ["--allow-bind", work]));
  await cp.t.db.host.update({ where: { id: hostId }, data: { bindRoots: JSON.stringify([work]) } });
  await updateSettings(cp.t.db, { egressProofTargets: [TARGET], egressProofNames: [NAME] }, actor, meta);
  for (const scope of ["read", "write"] as const) tokens[scope] = (await createApiToken(cp.t.db, { userId: cp.userId, name: `egress-${scope}`, scopes: [scope], expiresAt: null })).token;
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  servers?.kill("SIGKILL");
  await ns?.remove();
  await cleanupDocker(PREFIX, { image });
}, 60_000);

it("an offline service passes the proof; switched to open it fails naming the server, and an incident opens", async () => {
  const svc = await addService(cp.t.db, {
    name: `${PREFIX}ai`, image, command: httpdCommand("ai"), egress: "offline", hostId,
    volumes: [{ source: join(work, "resolv.conf"), target: "/etc/resolv.conf", readOnly: true }],
  });
  serviceId = svc.id;

  // The rollout's success runs the proof: the check is made and passes.
  let since = new Date();
  expect((await deployAndWait(cp.t.db, svc.id)).status).toBe("succeeded");
  const first = await nextProof(since);
  expect(first.result.ok, first.result.message ?? "").toBe(true);
  expect(first.result.message).toMatch(/^No egress: tried 1 address and 1 name/);
  expect(first.check).toMatchObject({ type: "egress", source: "service", vantages: JSON.stringify([hostId]), intervalSec: 3600 });
  await waitUntil(async () => (await proofCheck())?.status === "up", PROOF_WAIT_MS, "the proof to be up");
  expect(await cp.t.db.incident.count({ where: { checkId: first.check.id } })).toBe(0);
  expect(await proofsApi()).toMatchObject({ state: "verified", checkId: first.check.id, message: expect.stringMatching(/^No egress/) });

  // Opened: the proof is kept, re-runs after the rollout and fails, naming what answered.
  await changeService(cp.t.db, svc.id, { egress: "open" });
  since = new Date();
  expect((await deployAndWait(cp.t.db, svc.id)).status).toBe("succeeded");
  const info = await docker.getContainer(`${PREFIX}ai`).inspect();
  expect(Object.keys(info.NetworkSettings.Networks)).toEqual(["bridge"]);
  const second = await waitUntil(async () => {
    const p = await nextProof(since);
    return p.result.ok ? null : p;
  }, PROOF_WAIT_MS, "a failed proof");
  expect(second.result.errorClass).toBe("egress_open");
  expect(second.result.message).toContain(`reached ${TARGET}`);
  expect(second.result.message).toContain(`resolved ${NAME} to ${NS_IP}`);
  expect(second.check.id).toBe(first.check.id);
  await waitUntil(async () => (await proofCheck())?.status === "down", PROOF_WAIT_MS, "the proof to be down");
  const incident = await waitUntil(() => cp.t.db.incident.findFirst({ where: { checkId: first.check.id, endedAt: null } }), PROOF_WAIT_MS, "the incident");
  expect(incident.kind).toBe("down");
  expect(incident.message).toContain(TARGET);
  expect(await proofsApi()).toMatchObject({ state: "failed", message: expect.stringContaining(`reached ${TARGET}`) });

  // Verify now: refused to a read-only token, run at once for a writer.
  const viewer = await call(verifyPOST, `/api/v1/services/${svc.id}/egress-proof`, { method: "POST", body: {}, auth: { bearer: tokens.read } }, { id: svc.id });
  expect(viewer.status).toBe(403);
  since = new Date();
  const now = await call(verifyPOST, `/api/v1/services/${svc.id}/egress-proof`, { method: "POST", body: {}, auth: { bearer: tokens.write } }, { id: svc.id });
  expect(now.status, JSON.stringify(now.body)).toBe(200);
  expect(now.body).toMatchObject({ state: "failed", serviceId: svc.id });
  expect(Date.parse((now.body as EgressProofView).lastAt!)).toBeGreaterThanOrEqual(since.getTime() - 1_000);
  const unknownService = await call(verifyPOST, "/api/v1/services/cmissing000000000000000/egress-proof", { method: "POST", body: {}, auth: { bearer: tokens.write } }, { id: "cmissing000000000000000" });
  expect(unknownService.status, errorOf(unknownService).message).toBe(404);
}, 240_000);

it("a stopped container makes the proof unknown, not up", async () => {
  expect(serviceId).not.toBe("");
  await docker.getContainer(`${PREFIX}ai`).stop({ t: 1 });
  const since = new Date();
  await cp.hub.probes.proveEgress(serviceId);
  const p = await nextProof(since);
  expect(p.result.ok).toBe(false);
  expect(p.result.errorClass).toBe("not_running");
  expect(p.result.message).toMatch(/Not verified: the service's container is exited/);
  const cell = await cp.t.db.checkState.findFirst({ where: { checkId: p.check.id, vantageId: hostId } });
  expect(cell?.status).toBe("unknown");
  expect((await proofCheck())?.status).toBe("unknown");
}, 120_000);

it("the automatic checks give an offline service its proof without a deploy, and remove it with the service", async () => {
  const other = await addService(cp.t.db, { name: `${PREFIX}quiet`, image, command: httpdCommand("quiet"), egress: "offline", hostId });
  await syncAutoChecks(cp.t.db);
  const made = await cp.t.db.check.findUnique({ where: { sourceKey: egressSourceKey(other.id) } });
  expect(made).toMatchObject({ type: "egress", vantages: JSON.stringify([hostId]), intervalSec: 3600, retries: 0 });
  // The opened service keeps its proof across passes.
  expect(await cp.t.db.check.count({ where: { sourceKey: egressSourceKey(serviceId) } })).toBe(1);
  await deleteService(cp.t.db, other.id, actor, meta);
  await syncAutoChecks(cp.t.db);
  expect(await cp.t.db.check.findUnique({ where: { sourceKey: egressSourceKey(other.id) } })).toBeNull();
  expect(await cp.t.db.check.count({ where: { sourceKey: egressSourceKey(serviceId) } })).toBe(1);
}, 60_000);
