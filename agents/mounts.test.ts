import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_HOST_POLICY, HostPolicySchema, type ServiceSpec } from "@/lib/protocol";
import { checkSpecAgainstPolicy, resolveAllowMissing } from "./mounts";
import { AgentError } from "./errors";

let base: string;
let stateDir: string;
let media: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "hp-mounts-"));
  stateDir = join(base, "agent-state");
  media = join(base, "srv", "media");
  mkdirSync(join(stateDir, "files", "cloudflared"), { recursive: true });
  writeFileSync(join(stateDir, "credentials.json"), "{}");
  writeFileSync(join(stateDir, "files", "cloudflared", "config.yml"), "x");
  mkdirSync(media, { recursive: true });
  mkdirSync(join(base, "secret"), { recursive: true });
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const spec = (over: Partial<ServiceSpec>): ServiceSpec => ({
  serviceId: "svc1", name: "web", image: "busybox", command: [], env: {}, ports: [], volumes: [], healthcheck: null, restartPolicy: "no", egress: "open", ...over,
});
const policy = (over: object) => HostPolicySchema.parse({ bindRoots: [join(base, "srv")], ...over });
const refusal = async (s: ServiceSpec, p = policy({})) => {
  try {
    await checkSpecAgainstPolicy(s, { policy: p, stateDir });
  } catch (err) {
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).code).toBe("policy_denied");
    return (err as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("checkSpecAgainstPolicy", () => {
  it("allows named volumes and binds under an allowed root, passing Docker the real path", async () => {
    symlinkSync(media, join(base, "srv", "link-to-media"));
    const out = await checkSpecAgainstPolicy(
      spec({ volumes: [{ source: "data", target: "/data", readOnly: false }, { source: join(base, "srv", "link-to-media", "new-dir"), target: "/m", readOnly: true }] }),
      { policy: policy({}), stateDir },
    );
    expect(out).toEqual([{ source: "data", target: "/data", readOnly: false }, { source: join(media, "new-dir"), target: "/m", readOnly: true }]);
  });

  it("refuses every bind on a host whose owner allowed none", async () => {
    const msg = await refusal(spec({ volumes: [{ source: media, target: "/m", readOnly: true }] }), DEFAULT_HOST_POLICY);
    expect(msg).toMatch(/allows no bind mounts.*--allow-bind/);
  });

  const escapes: [string, () => string, RegExp][] = [
    ["a folder outside the roots", () => join(base, "secret"), /outside the folders this host allows/],
    ["a symlink inside a root that points out of it", () => { symlinkSync(join(base, "secret"), join(media, "escape")); return join(media, "escape"); }, /really .*secret/],
    ["the agent's own state folder", () => stateDir, /never mounts/],
    ["the agent's credentials through a symlink under a root", () => { symlinkSync(join(stateDir, "credentials.json"), join(media, "creds")); return join(media, "creds"); }, /never mounts/],
    ["a path with ..", () => `${media}/../../secret`, /without \. or \.\./],
    ["/etc/cron.d", () => "/etc/cron.d", /never mounts/],
    ["/proc/1/root", () => "/proc/1/root", /never mounts|outside/],
    ["/var/lib/docker", () => "/var/lib/docker", /never mounts/],
    ["/root/.ssh", () => "/root/.ssh", /never mounts/],
    ["/var/run/docker.sock", () => "/var/run/docker.sock", /never mounts/],
  ];
  for (const [desc, source, why] of escapes) {
    it(`refuses ${desc}`, async () => {
      const msg = await refusal(spec({ volumes: [{ source: source(), target: "/x", readOnly: false }] }));
      expect(msg).toMatch(why);
    });
  }

  it("refuses a root that contains a denied path (mounting a parent of the state folder)", async () => {
    const msg = await refusal(spec({ volumes: [{ source: base, target: "/x", readOnly: true }] }), policy({ bindRoots: [base] }));
    expect(msg).toMatch(/would expose .*agent-state/);
  });

  it("mounts the files Homeport manages on the host read-only only", async () => {
    const file = join(stateDir, "files", "cloudflared", "config.yml");
    const ok = await checkSpecAgainstPolicy(spec({ volumes: [{ source: file, target: "/etc/cloudflared/config.yml", readOnly: true }] }), { policy: DEFAULT_HOST_POLICY, stateDir });
    expect(ok[0]!.source).toBe(file);
    expect(await refusal(spec({ volumes: [{ source: file, target: "/c", readOnly: false }] }), DEFAULT_HOST_POLICY)).toMatch(/read-only/);
  });

  it("honours the owner's extra deny paths even under a root", async () => {
    const msg = await refusal(spec({ volumes: [{ source: join(media, "private"), target: "/p", readOnly: true }] }), policy({ denyPaths: [join(media, "private")] }));
    expect(msg).toMatch(/never mounts/);
  });

  const powers: [string, Partial<ServiceSpec>, object, RegExp][] = [
    ["privileged mode", { privileged: true }, { allowPrivileged: true }, /privileged/],
    ["the host network", { hostNetwork: true }, { allowHostNetwork: true }, /host network/],
    ["the host PID namespace", { hostPid: true }, { allowHostPid: true }, /PID/],
    ["a capability", { capAdd: ["SYS_ADMIN"] }, { allowedCapabilities: ["SYS_ADMIN"] }, /SYS_ADMIN/],
    ["a device", { devices: ["/dev/dri/renderD128"] }, { allowedDevices: ["/dev/dri"] }, /renderD128/],
    ["GPUs", { gpus: true }, { allowGpus: true }, /GPU/],
  ];
  for (const [desc, asks, allows, why] of powers) {
    it(`refuses ${desc} unless the host policy allows it`, async () => {
      expect(await refusal(spec(asks))).toMatch(why);
      await expect(checkSpecAgainstPolicy(spec(asks), { policy: policy(allows), stateDir })).resolves.toEqual([]);
    });
  }

  it("does not let an allowed capability stand for another", async () => {
    expect(await refusal(spec({ capAdd: ["NET_ADMIN", "SYS_ADMIN"] }), policy({ allowedCapabilities: ["NET_ADMIN"] }))).toMatch(/SYS_ADMIN/);
  });
});

describe("resolveAllowMissing", () => {
  it("resolves the existing part of a path and keeps the rest", async () => {
    symlinkSync(media, join(base, "m"));
    expect(await resolveAllowMissing(join(base, "m", "a", "b"))).toBe(join(media, "a", "b"));
  });
});
