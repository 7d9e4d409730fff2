// Rollout behaviour on a real engine: a changed spec is redeployed with no downtime gap beyond the
// health wait (measured by polling the published port), and a pull from a registry that cannot be
// reached fails clearly and quickly while the running container of the service stays up. The
// unreachable registry lives in a network namespace this file creates, so no traffic leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { LABELS } from "@/lib/protocol";
import { HEALTH_GRACE_MS } from "@/agents/deploy";
import { PULL_TIMEOUT_MS } from "@/agents/docker/images";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { addService, changeService, deployAndWait, enrolledAgent, freePort, httpdCommand } from "./helpers/fixtures";
import { waitUntil } from "./helpers/sse-client";
import { createVethNamespace, type VethNamespace } from "../helpers/veth-namespace";
import type { AgentProcess } from "./helpers/agent-process";

const PREFIX = "hpt-r-";
const run = promisify(execFile);

/** How often the probe loop asks the published port during a redeploy. */
const POLL_INTERVAL_MS = 50;
/** A probe request that has not answered by then counts as failed. */
const PROBE_TIMEOUT_MS = 1_000;
/**
 * Allowance on top of the health wait for Docker to start the new container and publish its port
 * (docker-proxy, iptables) on a loaded 2-core machine, plus the poll interval's resolution.
 */
const CONTAINER_START_MARGIN_MS = 2_000;

/** The unreachable registry: a veth pair into a namespace with nothing listening on :5000. */
const NETNS = `${PREFIX}registry-${process.pid}`;
const VETH_HOST = `hptr${process.pid % 100_000}h`;
const VETH_NS = `hptr${process.pid % 100_000}n`;
/** A /30 at the top of 198.51.100.0/24, clear of the routes test bed's LAN link (198.51.100.0/30). */
const HOST_ADDR = "198.51.100.253/30";
const REGISTRY_IP = "198.51.100.254";
const MISSING_IMAGE = `${REGISTRY_IP}:5000/homeport-test/missing:1`;
/** A clear failure must come well before the agent's own pull cap. */
const PULL_FAIL_BOUND_MS = 30_000;

let cp: TestControlPlane;
let image: string;
let hostId: string;
let agent: AgentProcess;

async function serviceContainers(serviceId: string) {
  return docker.listContainers({ all: true, filters: { label: [`${LABELS.serviceId}=${serviceId}`] } });
}

async function httpGet(port: number, timeoutMs = 2_000): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(timeoutMs) });
  return (await r.text()).trim();
}

let registryNs: VethNamespace | null = null;

async function createUnreachableRegistry(): Promise<void> {
  registryNs = await createVethNamespace({ netns: NETNS, vethHost: VETH_HOST, vethNs: VETH_NS, hostCidr: HOST_ADDR, nsIp: REGISTRY_IP });
}

async function removeNamespace(): Promise<void> {
  await registryNs?.remove();
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image });
  await docker.getImage(MISSING_IMAGE).remove({ force: true }).catch(() => undefined);
}, 60_000);

interface Probe {
  start: number;
  end: number;
  ok: boolean;
}

/** Polls the port until `stop` is set; records every request. */
async function pollPort(port: number, expected: string, stop: { done: boolean }): Promise<Probe[]> {
  const probes: Probe[] = [];
  while (!stop.done) {
    const start = performance.now();
    const ok = await httpGet(port, PROBE_TIMEOUT_MS).then((b) => b === expected, () => false);
    const end = performance.now();
    probes.push({ start, end, ok });
    await new Promise((r) => setTimeout(r, Math.max(0, POLL_INTERVAL_MS - (end - start))));
  }
  return probes;
}

/** The longest outage: from the start of the first failed probe in a run to the start of the next good one. */
function longestGap(probes: Probe[]): { ms: number; failures: number } {
  let worst = { ms: 0, failures: 0 };
  let runStart: number | null = null;
  let failures = 0;
  for (const p of probes) {
    if (!p.ok) {
      runStart ??= p.start;
      failures++;
    } else if (runStart !== null) {
      if (p.start - runStart > worst.ms) worst = { ms: p.start - runStart, failures };
      runStart = null;
      failures = 0;
    }
  }
  if (runStart !== null) worst = { ms: Infinity, failures }; // never came back while polling
  return worst;
}

describe("rollout", () => {
  it("redeploy with a changed spec (no downtime gap beyond the health wait)", async () => {
    const port = await freePort();
    const svc = await addService(cp.t.db, {
      name: `${PREFIX}web`,
      image,
      command: httpdCommand("rollout"),
      env: { HOMEPORT_TEST_VERSION: "1" },
      ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }],
      hostId,
    });
    expect((await deployAndWait(cp.t.db, svc.id)).status).toBe("succeeded");
    await waitUntil(async () => (await httpGet(port)) === "rollout", 10_000, "the first version to answer");
    const before = (await serviceContainers(svc.id))[0]!.Id;

    await changeService(cp.t.db, svc.id, { env: { HOMEPORT_TEST_VERSION: "2" } });
    const stop = { done: false };
    const polling = pollPort(port, "rollout", stop);
    const t0 = performance.now();
    let d;
    try {
      d = await deployAndWait(cp.t.db, svc.id);
      // Let the probes see the new container answer after the deployment finished.
      await waitUntil(async () => (await httpGet(port)) === "rollout", 10_000, "the new version to answer");
      await new Promise((r) => setTimeout(r, 4 * POLL_INTERVAL_MS));
    } finally {
      stop.done = true;
    }
    const rolloutMs = performance.now() - t0;
    const probes = await polling;
    const gap = longestGap(probes);
    const bound = HEALTH_GRACE_MS + CONTAINER_START_MARGIN_MS;
    console.info(
      `[rollout] redeploy took ${Math.round(rolloutMs)} ms; ${probes.length} probes, ${probes.filter((p) => !p.ok).length} failed; ` +
        `longest gap ${Math.round(gap.ms)} ms (${gap.failures} failed in a row); bound ${bound} ms = health wait ${HEALTH_GRACE_MS} + margin ${CONTAINER_START_MARGIN_MS}`,
    );

    expect(d.error).toBeNull();
    expect(d.status).toBe("succeeded");
    expect(probes.length).toBeGreaterThan(10);
    expect(gap.ms).toBeLessThanOrEqual(bound);

    expect(await httpGet(port)).toBe("rollout");
    const cs = await serviceContainers(svc.id);
    expect(cs).toHaveLength(1);
    expect(cs[0]!.Id).not.toBe(before);
    expect(cs[0]!.State).toBe("running");
    const info = await docker.getContainer(cs[0]!.Id).inspect();
    expect(info.Config.Env).toContain("HOMEPORT_TEST_VERSION=2");
  }, 90_000);

  it("a failed pull (offline) is a clear error, not a hang", async () => {
    const port = await freePort();
    const svc = await addService(cp.t.db, {
      name: `${PREFIX}pull`,
      image,
      command: httpdCommand("still-here"),
      ports: [{ container: 8080, host: port, protocol: "tcp", hostIp: "127.0.0.1" }],
      hostId,
    });
    expect((await deployAndWait(cp.t.db, svc.id)).status).toBe("succeeded");
    await waitUntil(async () => (await httpGet(port)) === "still-here", 10_000, "the working version to answer");
    const before = (await serviceContainers(svc.id))[0]!.Id;

    await docker.getImage(MISSING_IMAGE).remove({ force: true }).catch(() => undefined); // must be missing locally
    await createUnreachableRegistry();
    try {
      await changeService(cp.t.db, svc.id, { image: MISSING_IMAGE });
      const t0 = performance.now();
      const d = await deployAndWait(cp.t.db, svc.id);
      const tookMs = performance.now() - t0;
      console.info(`[rollout] failed pull ended ${d.status} after ${Math.round(tookMs)} ms (agent cap ${PULL_TIMEOUT_MS} ms): ${d.error}`);

      expect(d.status).toBe("failed");
      expect(tookMs).toBeLessThan(PULL_FAIL_BOUND_MS);
      expect(PULL_FAIL_BOUND_MS).toBeLessThan(PULL_TIMEOUT_MS / 2);
      expect(d.error).toContain(`could not pull ${MISSING_IMAGE}`);
      expect(d.error).toMatch(new RegExp(`${REGISTRY_IP.replace(/\./g, "\\.")}:5000`));
      expect(d.error).toMatch(/connection refused|connect|unreachable|timeout/i);
      expect(d.log.join("\n")).toContain(`pulling ${REGISTRY_IP}:5000`);

      const cs = await serviceContainers(svc.id);
      expect(cs.map((c) => c.Id)).toEqual([before]);
      expect(cs[0]!.State).toBe("running");
      expect(await httpGet(port)).toBe("still-here");
    } finally {
      await removeNamespace();
    }
    await expect(run("ip", ["netns", "list"]).then((r) => r.stdout)).resolves.not.toContain(NETNS);
  }, 90_000);
});
