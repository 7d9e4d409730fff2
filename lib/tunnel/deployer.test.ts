// deployCloudflaredViaAgent over fake TunnelDeployers (the real agent path is test/tunnel/
// cloudflared-agent.test.ts): what reaches the host, and what the tunnel and the audit say when
// the host is missing, offline or refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { createTestDb, type TestDb } from "@/test/helpers/test-db";
import type { ServiceSpec } from "@/lib/protocol";
import { CLOUDFLARED_CONFIG_HASH_ENV, CLOUDFLARED_UID, cloudflaredContainerSpec, deployCloudflaredViaAgent } from "./cloudflared-deploy";
import { TunnelDeployError, type TunnelDeployer, type TunnelFileWrite } from "./deployer";

const SECRET = "dGhpcy1pcy1hLXRlc3Qtc2VjcmV0";
const spec = cloudflaredContainerSpec({ tunnelName: "home", configYaml: "tunnel: t\n", credentialsJson: `{"TunnelSecret":"${SECRET}"}`, rootCaPem: null });
const actor = { type: "system" as const, name: "test" };
const meta = { ip: null, userAgent: null };
const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** A host that records what it is sent; `refuse` makes the container apply fail, `lie` misreports a file's hash. */
function fakeHost(o: { online?: boolean; refuse?: TunnelDeployError; lie?: boolean } = {}) {
  const files: (TunnelFileWrite & { hostId: string })[] = [];
  const applied: { hostId: string; deploymentId: string; spec: ServiceSpec }[] = [];
  const deployer: TunnelDeployer = {
    isOnline: () => o.online ?? true,
    async writeFile(hostId, file) {
      files.push({ ...file, hostId });
      return { path: `/srv/agent/files/${file.path}`, sha256: o.lie ? sha("other") : sha(file.content) };
    },
    async applyContainer(hostId, deploymentId, s) {
      if (o.refuse) throw o.refuse;
      applied.push({ hostId, deploymentId, spec: s });
      return { outcome: "created", containerId: "c0ffee0123456789" };
    },
  };
  return { deployer, files, applied };
}

let t: TestDb;
let n = 0;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.cleanup(); });

async function tunnelOn(hostId: string | null) {
  return t.db.tunnel.create({ data: { name: `t${n++}`, kind: "cloudflare", mode: "local", externalId: "6ff42ae2-765d-4adf-8112-31c55c1551ef", credentialsSealed: "", originUrl: "https://192.168.1.10:443", hostId } });
}
const statusOf = async (id: string) => (await t.db.tunnel.findUniqueOrThrow({ where: { id } })).status;
const auditOf = async (id: string) => JSON.stringify(await t.db.auditEvent.findMany({ where: { action: "tunnel.cloudflared.deploy", targetId: id } }));

describe("deployCloudflaredViaAgent through a TunnelDeployer", () => {
  it("writes each file 0600 for cloudflared's user on the tunnel's host, then runs the container with them mounted read-only", async () => {
    const tunnel = await tunnelOn("host-1");
    const host = fakeHost();
    const handOff = await deployCloudflaredViaAgent(t.db, tunnel, spec, actor, meta, { deployer: host.deployer });
    expect(handOff).toMatchObject({ status: "deployed", containerId: "c0ffee0123456789", hostId: "host-1" });
    expect(host.files.map((f) => [f.hostId, f.path, f.mode, f.ownerUid])).toEqual([
      ["host-1", "cloudflared/home/config.yml", 0o600, CLOUDFLARED_UID],
      ["host-1", "cloudflared/home/credentials.json", 0o600, CLOUDFLARED_UID],
    ]);
    const [run] = host.applied;
    expect(run?.hostId).toBe("host-1");
    expect(run?.spec.volumes).toEqual([
      { source: "/srv/agent/files/cloudflared/home/config.yml", target: "/etc/cloudflared/config.yml", readOnly: true },
      { source: "/srv/agent/files/cloudflared/home/credentials.json", target: "/etc/cloudflared/credentials.json", readOnly: true },
    ]);
    expect(run?.spec.env[CLOUDFLARED_CONFIG_HASH_ENV]).toBe(handOff.configHash);
    expect(await statusOf(tunnel.id)).toBe("ok");
    // The credentials reach the host only: never the hand-off or the audit trail.
    expect(JSON.stringify(handOff) + (await auditOf(tunnel.id))).not.toContain(SECRET);
  });

  const unreached: { desc: string; hostId: string | null; host?: ReturnType<typeof fakeHost>; status: string; tunnelStatus: string; message: RegExp }[] = [
    { desc: "a tunnel placed on no host", hostId: null, host: fakeHost(), status: "no_host", tunnelStatus: "pending", message: /choose the host/ },
    { desc: "a host whose agent is offline", hostId: "host-2", host: fakeHost({ online: false }), status: "agent_unavailable", tunnelStatus: "agent_unavailable", message: /not connected/ },
    { desc: "a caller that passes no deployer", hostId: "host-3", status: "agent_unavailable", tunnelStatus: "agent_unavailable", message: /cannot reach agents/ },
  ];
  for (const c of unreached) {
    it(`deploys nothing to ${c.desc}, and the tunnel says why`, async () => {
      const tunnel = await tunnelOn(c.hostId);
      const handOff = await deployCloudflaredViaAgent(t.db, tunnel, spec, actor, meta, c.host ? { deployer: c.host.deployer } : {});
      expect(handOff.status).toBe(c.status);
      expect(handOff.message).toMatch(c.message);
      expect([c.host?.files.length ?? 0, c.host?.applied.length ?? 0]).toEqual([0, 0]);
      expect(await statusOf(tunnel.id)).toBe(c.tunnelStatus);
    });
  }

  it("a host that refuses the container leaves the tunnel deploy_failed, naming the host's error code", async () => {
    const tunnel = await tunnelOn("host-4");
    const host = fakeHost({ refuse: new TunnelDeployError("policy_denied", "privileged containers are not allowed on this host") });
    const handOff = await deployCloudflaredViaAgent(t.db, tunnel, spec, actor, meta, { deployer: host.deployer });
    expect(handOff.status).toBe("failed");
    expect(handOff.message).toMatch(/previous container \(if any\) keeps running\. policy_denied: privileged containers/);
    expect(await statusOf(tunnel.id)).toBe("deploy_failed");
    expect(await auditOf(tunnel.id)).toContain("failed");
  });

  it("a host that reports other content than was sent gets no container", async () => {
    const tunnel = await tunnelOn("host-5");
    const host = fakeHost({ lie: true });
    const handOff = await deployCloudflaredViaAgent(t.db, tunnel, spec, actor, meta, { deployer: host.deployer });
    expect(handOff.status).toBe("failed");
    expect(handOff.message).toMatch(/other content for cloudflared\/home\/config\.yml/);
    expect(host.applied).toEqual([]);
  });
});
