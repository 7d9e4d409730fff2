// The runtime schema's process and sandbox options (TTY, stop signal, groups, ulimits,
// no-new-privileges, sysctls): what it takes, what it refuses and where, and that a service
// setting none of them keeps its spec hash.
import { describe, expect, it } from "vitest";
import { specHash } from "@/lib/deploy/spec-hash";
import { ServiceSpecSchema } from "@/lib/protocol";
import { isStopSignal, MAX_GROUPS, MAX_SYSCTLS, normalizeRuntime, ServiceRuntimeSchema } from "./runtime";

const issues = (input: unknown) => {
  const r = ServiceRuntimeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`);
};

describe("stop signal", () => {
  it("takes signal names, real-time signals and numbers 1-64", () => {
    for (const s of ["SIGTERM", "SIGQUIT", "SIGINT", "SIGWINCH", "SIGRTMIN+3", "SIGRTMAX-1", "1", "9", "64"]) expect(isStopSignal(s), s).toBe(true);
  });

  it("refuses what Docker would not know as a signal", () => {
    for (const s of ["TERM", "sigterm", "SIGFOO", "0", "65", "015", "SIGRTMIN+16", "SIGTERM;rm", ""]) expect(isStopSignal(s), s).toBe(false);
    expect(issues({ stopSignal: "SIGFOO" })).toEqual(["stopSignal: a signal such as SIGTERM, SIGQUIT or SIGINT, or its number (1-64)"]);
  });
});

describe("ulimits", () => {
  it("takes Docker's limit names, soft at most hard, -1 for unlimited", () => {
    const ulimits = [{ name: "nofile", soft: 1024, hard: 65535 }, { name: "memlock", soft: -1, hard: -1 }, { name: "nproc", soft: 4096, hard: -1 }];
    expect(ServiceRuntimeSchema.parse({ ulimits }).ulimits).toEqual(ulimits);
  });

  it("refuses an unknown name, soft above hard, a value below -1 and a limit set twice", () => {
    expect(issues({ ulimits: [{ name: "files", soft: 1, hard: 1 }] })).toHaveLength(1);
    expect(issues({ ulimits: [{ name: "nofile", soft: 65536, hard: 1024 }] })).toEqual(["ulimits.0.soft: the soft limit cannot exceed the hard limit"]);
    expect(issues({ ulimits: [{ name: "nofile", soft: -1, hard: 1024 }] })).toEqual(["ulimits.0.soft: the soft limit cannot exceed the hard limit"]);
    expect(issues({ ulimits: [{ name: "core", soft: -2, hard: 0 }] })[0]).toMatch(/^ulimits\.0\.soft: /);
    expect(issues({ ulimits: [{ name: "nofile", soft: 1, hard: 1 }, { name: "nofile", soft: 2, hard: 2 }] })).toEqual(["ulimits: each limit once"]);
  });
});

describe("sysctls", () => {
  it("takes the ones the kernel keeps per container: net.*, IPC and message queues", () => {
    const sysctls = { "net.ipv4.ip_unprivileged_port_start": "0", "net.ipv6.conf.all.disable_ipv6": "1", "kernel.shmmax": "68719476736", "kernel.sem": "250 32000 100 128", "fs.mqueue.msg_max": "100" };
    expect(ServiceRuntimeSchema.parse({ sysctls }).sysctls).toEqual(sysctls);
  });

  it("refuses host-wide parameters, with the key named", () => {
    for (const key of ["kernel.core_pattern", "vm.swappiness", "kernel.shm_next_id", "fs.file-max", "kernel.modprobe", "net", "net..x"]) {
      expect(issues({ sysctls: { [key]: "1" } }), key).toEqual([`sysctls.${key}: a namespaced sysctl: net.*, kernel.shm*, kernel.msg*, kernel.sem or fs.mqueue.*`]);
    }
    expect(issues({ sysctls: { "net.core.somaxconn": "1\n2" } })).toEqual(["sysctls.net.core.somaxconn: printable text on one line"]);
  });

  it("refuses net.* on the host network (it would change the host's) and more than the limit", () => {
    expect(issues({ hostNetwork: true, sysctls: { "net.ipv4.ip_forward": "1" } })).toEqual([
      "sysctls.net.ipv4.ip_forward: net.ipv4.ip_forward: net.* sysctls would change the host's network (Docker refuses them on the host network)",
    ]);
    expect(issues({ hostNetwork: true, sysctls: { "kernel.shmmax": "1" } })).toEqual([]);
    const many = Object.fromEntries(Array.from({ length: MAX_SYSCTLS + 1 }, (_, i) => [`net.x${i}`, "1"]));
    expect(issues({ sysctls: many })).toEqual([`sysctls: at most ${MAX_SYSCTLS} sysctls`]);
  });
});

describe("groups, TTY and no-new-privileges", () => {
  it("takes group names and ids, up to the limit", () => {
    expect(ServiceRuntimeSchema.parse({ groupAdd: ["video", "render", "44", "_apt"] }).groupAdd).toEqual(["video", "render", "44", "_apt"]);
    expect(issues({ groupAdd: ["wheel:x"] })).toEqual(["groupAdd.0: a group name or id"]);
    expect(issues({ groupAdd: Array.from({ length: MAX_GROUPS + 1 }, (_, i) => String(i)) })).toHaveLength(1);
  });

  it("takes booleans only", () => {
    expect(ServiceRuntimeSchema.parse({ tty: true, stdinOpen: true, noNewPrivileges: true })).toEqual({ tty: true, stdinOpen: true, noNewPrivileges: true });
    expect(issues({ noNewPrivileges: "true" })).toHaveLength(1);
  });
});

describe("Docker's defaults are absent", () => {
  const spec = ServiceSpecSchema.parse({
    serviceId: "svc1", name: "web", image: "nginx:1.27", command: [], env: {}, ports: [], volumes: [],
    healthcheck: null, restartPolicy: "unless-stopped", egress: "open",
  });

  it("false, empty lists and empty maps are dropped, so they hash like a service that never set them", () => {
    const r = normalizeRuntime(ServiceRuntimeSchema.parse({ tty: false, stdinOpen: false, noNewPrivileges: false, groupAdd: [], ulimits: [], sysctls: {}, labels: {} }));
    expect(r).toEqual({});
    expect(specHash({ ...spec, ...r })).toBe(specHash(spec));
  });

  it("each option that is set changes the hash", () => {
    const set = [{ tty: true }, { stopSignal: "SIGQUIT" }, { groupAdd: ["video"] }, { ulimits: [{ name: "nofile" as const, soft: 1, hard: 1 }] }, { noNewPrivileges: true }, { sysctls: { "net.core.somaxconn": "1024" } }];
    const hashes = new Set([specHash(spec), ...set.map((s) => specHash({ ...spec, ...s }))]);
    expect(hashes.size).toBe(set.length + 1);
  });
});
