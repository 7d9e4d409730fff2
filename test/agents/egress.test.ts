// Egress fence on a real engine: a Service with egress "offline" sits only on Homeport's internal
// network. From inside it a server outside that network is unreachable, while a peer on the same
// internal network answers. A control container on the outside network proves the server is up.
import { afterAll, beforeAll, expect, it } from "vitest";
import type Docker from "dockerode";
import { LABELS, OFFLINE_NETWORK } from "@/lib/protocol";
import { buildBusyboxImage, cleanupDocker, docker, ensureDocker, exec, runHelper } from "./helpers/docker";
import { startTestControlPlane, type TestControlPlane } from "./helpers/control-plane";
import { addService, deployAndWait, enrolledAgent, httpdCommand } from "./helpers/fixtures";
import type { AgentProcess } from "./helpers/agent-process";
import { waitUntil } from "./helpers/sse-client";

const PREFIX = "hpt-e-";
const OUTSIDE_NET = `${PREFIX}outside`;
/** nc, not wget: static busybox's wget crashes in glibc's resolver even for IP literals. */
const NC_TIMEOUT_S = 3;

let cp: TestControlPlane;
let image: string;
let agent: AgentProcess;

const ipOn = (info: Docker.ContainerInspectInfo, net: string) => info.NetworkSettings.Networks[net]?.IPAddress ?? "";
async function fetchFrom(c: Docker.Container, ip: string): Promise<{ code: number; body: string }> {
  const r = await exec(c, ["sh", "-c", `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w ${NC_TIMEOUT_S} ${ip} 8080`]);
  const ok = /^HTTP\/1\.[01] 200/.test(r.output);
  return { code: ok ? 0 : r.code || 1, body: ok ? r.output.split("\r\n\r\n").slice(1).join("").trim() : "" };
}

beforeAll(async () => {
  await ensureDocker();
  image = await buildBusyboxImage();
  cp = await startTestControlPlane();
}, 300_000);

afterAll(async () => {
  await agent?.kill("SIGKILL");
  await cp?.close();
  await cleanupDocker(PREFIX, { image, networks: [OUTSIDE_NET] });
}, 60_000);

it("an offline service reaches its internal peer but nothing outside its network", async () => {
  let hostId: string;
  ({ hostId, agent } = await enrolledAgent(cp, `${PREFIX}host`));

  // A server outside the fence, on an ordinary bridge network the test creates.
  await docker.createNetwork({ Name: OUTSIDE_NET, Driver: "bridge", Labels: { [LABELS.test]: PREFIX } });
  const outside = await runHelper(PREFIX, image, "outside-server", httpdCommand("outside"), OUTSIDE_NET);
  const outsideIp = ipOn(await outside.inspect(), OUTSIDE_NET);
  const control = await runHelper(PREFIX, image, "control", ["sleep", "300"], OUTSIDE_NET);
  const reached = await waitUntil(async () => (await fetchFrom(control, outsideIp)).body === "outside", 10_000, "the outside server");
  expect(reached).toBe(true);

  const fenced = await addService(cp.t.db, { name: `${PREFIX}fenced`, image, command: httpdCommand("fenced"), egress: "offline", hostId });
  const peer = await addService(cp.t.db, { name: `${PREFIX}peer`, image, command: httpdCommand("peer"), egress: "offline", hostId });
  expect((await deployAndWait(cp.t.db, fenced.id)).status).toBe("succeeded");
  const d = await deployAndWait(cp.t.db, peer.id);
  expect(d.status).toBe("succeeded");
  expect(d.log.join("\n")).toMatch(/egress offline/);

  const net = await docker.getNetwork(OFFLINE_NETWORK).inspect();
  expect(net.Internal).toBe(true);
  const fencedC = docker.getContainer(`${PREFIX}fenced`);
  const fencedInfo = await fencedC.inspect();
  expect(Object.keys(fencedInfo.NetworkSettings.Networks)).toEqual([OFFLINE_NETWORK]);
  const peerIp = ipOn(await docker.getContainer(`${PREFIX}peer`).inspect(), OFFLINE_NETWORK);

  const toPeer = await fetchFrom(fencedC, peerIp);
  expect(toPeer.body).toBe("peer");
  expect(toPeer.code).toBe(0);

  const toOutside = await fetchFrom(fencedC, outsideIp);
  expect(toOutside.code).not.toBe(0);
  expect(toOutside.body).toBe("");
  // Docker keeps a route on internal networks and drops the traffic in its isolation rules, so the
  // proof is the refused connection above, not the routing table.
}, 120_000);
