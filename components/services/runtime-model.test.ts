// The Advanced section's model ↔ `runtime` payload: empty means absent, units, a lossless round
// trip (including options the form has no field for), the summary line and the policy verdicts.
import { describe, expect, it } from "vitest";
import { ServiceRuntimeSchema, type ServiceRuntime } from "@/lib/inventory/runtime";
import { HostPolicySchema } from "@/lib/protocol/policy";
import { ServiceCreateSchema } from "@/lib/inventory/schemas";
import { emptyModel, payloadFromModel } from "./service-model";
import { amountFromBytes, emptyRuntimeModel, modelFromRuntime, newExtraHost, newLabel, newTmpfs, runtimeFromModel, runtimeProblems, type RuntimeModel } from "./runtime-model";
import { POWERS, capAddVerdict, devicesVerdict, powerVerdict, runtimeSummary } from "./runtime-summary";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const edit = (patch: Partial<RuntimeModel>): RuntimeModel => ({ ...emptyRuntimeModel(), ...patch });

describe("runtime model → payload", () => {
  it("sends nothing when nothing is set: blank fields, blank rows and unchecked boxes are absent", () => {
    expect(runtimeFromModel(emptyRuntimeModel())).toEqual({});
    const blank = edit({ memory: "  ", cpus: "", user: " ", entrypoint: "\n", capDrop: " , ", tmpfs: [newTmpfs()], labels: [newLabel()], extraHosts: [newExtraHost()] });
    expect(runtimeFromModel(blank)).toEqual({});
    expect(runtimeSummary(runtimeFromModel(blank))).toBe("Docker's defaults");
  });

  it("stores memory typed in MiB or GiB as bytes, and CPUs as decimal cores", () => {
    const r = runtimeFromModel(edit({ memory: "1.5", memoryUnit: "GiB", memoryReservation: "512", cpus: "1.5", pidsLimit: "200", tmpfs: [{ ...newTmpfs(), target: "/tmp", sizeMiB: "64" }] }));
    expect(r).toEqual({ memoryBytes: 1.5 * GiB, memoryReservationBytes: 512 * MiB, cpus: 1.5, pidsLimit: 200, tmpfs: [{ target: "/tmp", sizeBytes: 64 * MiB }] });
    expect(ServiceRuntimeSchema.safeParse(r).success).toBe(true);
  });

  it("shows bytes in the unit that reads best, without losing a byte", () => {
    expect(amountFromBytes(2 * GiB)).toEqual({ value: "2", unit: "GiB" });
    expect(amountFromBytes(1536 * MiB)).toEqual({ value: "1.5", unit: "GiB" });
    expect(amountFromBytes(100 * MiB)).toEqual({ value: "100", unit: "MiB" });
    expect(amountFromBytes(1100 * MiB)).toEqual({ value: "1100", unit: "MiB" });
    // A Compose `100000k` is not a whole MiB; it still comes back to the same byte count.
    const odd = amountFromBytes(100_000 * 1024);
    expect(odd).toEqual({ value: "97.65625", unit: "MiB" });
    expect(runtimeFromModel(edit({ memory: odd.value, memoryUnit: odd.unit })).memoryBytes).toBe(100_000 * 1024);
  });

  it("reads capabilities in any case, with or without CAP_, each once; ALL drops every one", () => {
    const r = runtimeFromModel(edit({ capDrop: "all", capAdd: "cap_net_admin, NET_ADMIN sys_time", devices: "/dev/dri\n/dev/ttyUSB0" }));
    expect(r).toEqual({ capDrop: ["ALL"], capAdd: ["NET_ADMIN", "SYS_TIME"], devices: ["/dev/dri", "/dev/ttyUSB0"] });
    expect(ServiceRuntimeSchema.safeParse(r).success).toBe(true);
  });

  it("parses the entrypoint like the command field: words, quotes, or one argument per line", () => {
    expect(runtimeFromModel(edit({ entrypoint: `sh -c "exec app --port 80"` })).entrypoint).toEqual(["sh", "-c", "exec app --port 80"]);
    expect(runtimeFromModel(edit({ entrypoint: "tini\n--\n/app start" })).entrypoint).toEqual(["tini", "--", "/app start"]);
  });

  it("sends rotation options only for json-file and local", () => {
    expect(runtimeFromModel(edit({ logDriver: "local", logMaxSize: "10m", logMaxFile: "3" })).logging).toEqual({ driver: "local", options: { "max-size": "10m", "max-file": "3" } });
    expect(runtimeFromModel(edit({ logDriver: "journald", logMaxSize: "10m", logMaxFile: "3" })).logging).toEqual({ driver: "journald", options: {} });
    expect(runtimeFromModel(edit({ logMaxSize: "10m" })).logging).toBeUndefined();
  });
});

describe("payload → model → payload", () => {
  const full: ServiceRuntime = ServiceRuntimeSchema.parse({
    entrypoint: ["/init", "--verbose"],
    workingDir: "/srv/app",
    user: "1000:1000",
    hostname: "immich",
    readOnly: true,
    tmpfs: [{ target: "/tmp", sizeBytes: 64 * MiB, mode: 0o1777 }, { target: "/run" }],
    memoryBytes: 2 * GiB,
    memoryReservationBytes: 300 * MiB,
    cpus: 2.25,
    pidsLimit: 512,
    shmSizeBytes: 128 * MiB,
    init: true,
    stopGraceSeconds: 30,
    capDrop: ["ALL"],
    capAdd: ["CHOWN", "SETUID"],
    labels: { "com.example.team": "media", "traefik.enable": "false" },
    extraHosts: [{ hostname: "nas.lan", ip: "192.168.1.10" }, { hostname: "host.docker.internal", ip: "host-gateway" }],
    logging: { driver: "json-file", options: { "max-size": "10m", "max-file": "3", compress: "true" } },
    devices: ["/dev/dri"],
    gpus: true,
    tty: true,
    stdinOpen: true,
    stopSignal: "SIGQUIT",
    groupAdd: ["video", "44"],
    ulimits: [{ name: "nofile", soft: 1024, hard: 65535 }],
    noNewPrivileges: true,
    sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" },
  });

  it("keeps every option, including those the form has no field for (hostname, shm size, tmpfs mode, other log options, TTY, stop signal, groups, ulimits, sysctls)", () => {
    const back = runtimeFromModel(modelFromRuntime(full));
    expect(back).toEqual(full);
    expect(ServiceRuntimeSchema.parse(back)).toEqual(full);
  });

  it("keeps a Compose import's process options through an edit of another field, and the no-new-privileges box sets and clears its key", () => {
    const imported = ServiceRuntimeSchema.parse({ tty: true, stopSignal: "SIGINT", ulimits: [{ name: "nofile", soft: 65536, hard: 65536 }], sysctls: { "kernel.shmmax": "1" } });
    const edited = { ...modelFromRuntime(imported), memory: "512", noNewPrivileges: true };
    expect(runtimeFromModel(edited)).toEqual({ ...imported, memoryBytes: 512 * MiB, noNewPrivileges: true });
    expect(runtimeFromModel({ ...modelFromRuntime(ServiceRuntimeSchema.parse({ noNewPrivileges: true })), noNewPrivileges: false })).toEqual({});
    expect(runtimeSummary(runtimeFromModel(edited))).toBe("512 MiB · no new privileges");
  });

  it("keeps the privileged powers as set", () => {
    const powers = ServiceRuntimeSchema.parse({ privileged: true, hostNetwork: true, hostPid: true });
    expect(runtimeFromModel(modelFromRuntime(powers))).toEqual(powers);
  });

  it("drops the other log options when the driver changes (they belong to the old driver)", () => {
    const m = { ...modelFromRuntime(full), logDriver: "local" as const };
    expect(runtimeFromModel(m).logging).toEqual({ driver: "local", options: { "max-size": "10m", "max-file": "3" } });
  });
});

describe("the service form's request body", () => {
  it("carries runtime: {} for a service with no options, and the server's schema accepts it", () => {
    const body = ServiceCreateSchema.parse(payloadFromModel({ ...emptyModel(), name: "web", image: "nginx:1.27" }));
    expect(body.runtime).toEqual({});
  });

  it("reports an out-of-range option under runtime.<field>, the path the section places errors by", () => {
    const m = { ...emptyModel(), name: "web", image: "nginx:1.27", runtime: edit({ memory: "2", memoryReservation: "64" }) };
    const r = ServiceCreateSchema.safeParse(payloadFromModel(m));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["runtime.memoryBytes", "runtime.memoryReservationBytes"]);
  });
});

describe("row problems", () => {
  it("names a label without a key, a key set twice and malformed rotation options", () => {
    const a = { ...newLabel(), name: "", value: "x" };
    const b = { ...newLabel(), name: "team", value: "1" };
    const c = { ...newLabel(), name: "team", value: "2" };
    const problems = runtimeProblems(edit({ labels: [a, b, c], logDriver: "json-file", logMaxSize: "10 megs", logMaxFile: "0" }));
    expect(problems).toEqual({
      [`runtime.labelrow.${a.key}`]: "a label needs a key",
      [`runtime.labelrow.${c.key}`]: "team is set twice",
      "runtime.logging.options.max-size": "a size such as 10m (k, m or g)",
      "runtime.logging.options.max-file": "a whole number of files, at least 1",
    });
    expect(runtimeProblems(edit({ logDriver: "json-file", logMaxSize: "50m", logMaxFile: "5" }))).toEqual({});
  });
});

describe("summary", () => {
  it("says what is set, in the order a reader scans for it", () => {
    const r = runtimeFromModel(edit({ memory: "512", cpus: "1.5", readOnly: true, user: "1000" }));
    expect(runtimeSummary(r)).toBe("512 MiB · 1.5 CPUs · read-only · user 1000");
    expect(runtimeSummary({ cpus: 1, capDrop: ["ALL"], capAdd: ["NET_ADMIN"], privileged: true, logging: { driver: "local", options: { "max-size": "10m" } } }))
      .toBe("1 CPU · all capabilities dropped · adds NET_ADMIN · privileged · logs: local 10m");
  });

  it("leaves out a number that is not one yet", () => {
    expect(runtimeSummary({ memoryBytes: Number.NaN, user: "app" })).toBe("user app");
  });
});

describe("host policy verdicts", () => {
  const policy = HostPolicySchema.parse({ allowGpus: true, allowedCapabilities: ["NET_ADMIN"], allowedDevices: ["/dev/dri"] });
  const host = { id: "h1", name: "nas", agentPolicy: policy };

  it("says what the selected host allows and refuses, with the flag its owner would set", () => {
    expect(powerVerdict(POWERS.gpus, host)).toEqual({ tone: "success", text: "nas allows this." });
    expect(powerVerdict(POWERS.privileged, host)).toEqual({ tone: "warning", text: "nas refuses this; its owner can allow it on the host with --allow-privileged." });
    expect(capAddVerdict(["NET_ADMIN", "SYS_ADMIN"], host).text).toBe("nas allows NET_ADMIN. It refuses SYS_ADMIN (its owner can add one with --allow-cap NAME).");
    expect(devicesVerdict(["/dev/dri/renderD128"], host)).toEqual({ tone: "success", text: "nas allows /dev/dri." });
    expect(devicesVerdict(["/dev/ttyUSB0"], host).tone).toBe("warning");
  });

  it("says when there is no policy to judge by", () => {
    expect(powerVerdict(POWERS.hostNetwork, undefined).text).toContain("choose a host");
    expect(capAddVerdict(["NET_ADMIN"], { id: "h2", name: "pi", agentPolicy: null }).text).toBe("pi's agent has not reported its policy yet; it refuses this unless the host's owner allowed it.");
  });
});
