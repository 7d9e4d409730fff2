import { describe, expect, it } from "vitest";
import type Docker from "dockerode";
import { LABELS, OFFLINE_NETWORK, ServiceSpecSchema, type ServiceSpec } from "@/lib/protocol";
import { createOptions, networkModeOf, stopTimeoutOf, tmpfsOptions } from "./create-options";

const MiB = 1024 * 1024;
const id = { hash: "0123456789abcdef", name: "web-next-01234567", deploymentId: "dep1" };

const base: ServiceSpec = ServiceSpecSchema.parse({
  serviceId: "svc1",
  name: "web",
  image: "nginx:1.27",
  command: ["nginx", "-g", "daemon off;"],
  env: { TZ: "UTC" },
  ports: [{ container: 80, host: 8080 }],
  volumes: [{ source: "data", target: "/data" }],
  healthcheck: null,
  restartPolicy: "unless-stopped",
  egress: "open",
});

describe("createOptions without runtime options", () => {
  it("sets only what it set before they existed (Docker's defaults for the rest)", () => {
    const o = createOptions(base, base.volumes, id);
    expect(Object.keys(o).sort()).toEqual(["Cmd", "Env", "ExposedPorts", "Healthcheck", "HostConfig", "Image", "Labels", "name"]);
    expect(o.HostConfig).toEqual({
      PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] },
      Binds: ["data:/data"],
      RestartPolicy: { Name: "" },
      NetworkMode: "bridge",
      Privileged: false,
    });
    expect(o.Labels).toEqual({
      [LABELS.managed]: "true",
      [LABELS.serviceId]: "svc1",
      [LABELS.serviceName]: "web",
      [LABELS.specHash]: id.hash,
      [LABELS.deploymentId]: "dep1",
    });
  });
});

describe("createOptions maps every runtime option", () => {
  const spec = ServiceSpecSchema.parse({
    ...base,
    entrypoint: ["/bin/tini", "--"],
    workingDir: "/srv/app",
    user: "1000:1000",
    hostname: "webhost",
    readOnly: true,
    tmpfs: [{ target: "/tmp", sizeBytes: 64 * MiB, mode: 0o1777 }, { target: "/run" }],
    memoryBytes: 64 * MiB,
    memoryReservationBytes: 32 * MiB,
    cpus: 0.5,
    pidsLimit: 100,
    shmSizeBytes: 128 * MiB,
    init: true,
    stopGraceSeconds: 30,
    capDrop: ["ALL"],
    labels: { "com.example.team": "media", "org.opencontainers.image.title": "web" },
    extraHosts: [{ hostname: "nas.lan", ip: "192.168.1.10" }, { hostname: "gw", ip: "host-gateway" }, { hostname: "v6", ip: "fd00::1" }],
    logging: { driver: "json-file", options: { "max-size": "10m", "max-file": "3" } },
    tty: true,
    stdinOpen: true,
    stopSignal: "SIGQUIT",
    groupAdd: ["video", "44"],
    ulimits: [{ name: "nofile", soft: 65535, hard: 65535 }, { name: "memlock", soft: -1, hard: -1 }],
    noNewPrivileges: true,
    sysctls: { "net.ipv4.ip_unprivileged_port_start": "0", "net.core.somaxconn": "1024" },
  });
  const o = createOptions(spec, spec.volumes, id);
  const h = o.HostConfig!;
  const cases: [string, unknown, unknown][] = [
    ["Entrypoint", o.Entrypoint, ["/bin/tini", "--"]],
    ["WorkingDir", o.WorkingDir, "/srv/app"],
    ["User", o.User, "1000:1000"],
    ["Hostname", o.Hostname, "webhost"],
    ["StopTimeout", o.StopTimeout, 30],
    ["ReadonlyRootfs", h.ReadonlyRootfs, true],
    ["Tmpfs", h.Tmpfs, { "/tmp": "size=67108864,mode=1777", "/run": "" }],
    ["Memory", h.Memory, 64 * MiB],
    ["MemoryReservation", h.MemoryReservation, 32 * MiB],
    ["NanoCpus", h.NanoCpus, 500_000_000],
    ["PidsLimit", h.PidsLimit, 100],
    ["ShmSize", h.ShmSize, 128 * MiB],
    ["Init", h.Init, true],
    ["CapDrop", h.CapDrop, ["ALL"]],
    ["ExtraHosts", h.ExtraHosts, ["nas.lan:192.168.1.10", "gw:host-gateway", "v6:fd00::1"]],
    ["LogConfig", h.LogConfig, { Type: "json-file", Config: { "max-size": "10m", "max-file": "3" } }],
    ["Tty", o.Tty, true],
    ["OpenStdin", o.OpenStdin, true],
    ["StopSignal", o.StopSignal, "SIGQUIT"],
    ["GroupAdd", h.GroupAdd, ["video", "44"]],
    ["Ulimits", h.Ulimits, [{ Name: "nofile", Soft: 65535, Hard: 65535 }, { Name: "memlock", Soft: -1, Hard: -1 }]],
    ["SecurityOpt", h.SecurityOpt, ["no-new-privileges:true"]],
    ["Sysctls", h.Sysctls, { "net.ipv4.ip_unprivileged_port_start": "0", "net.core.somaxconn": "1024" }],
  ];
  for (const [field, got, want] of cases) it(field, () => expect(got).toEqual(want));

  it("user labels are set beside Homeport's", () => {
    expect(o.Labels).toMatchObject({ "com.example.team": "media", "org.opencontainers.image.title": "web", [LABELS.serviceId]: "svc1" });
  });

  it("a stop signal given by number reaches Docker as that number", () => {
    expect(createOptions({ ...base, stopSignal: "3" }, [], id).StopSignal).toBe("3");
  });

  it("false and empty options set nothing (Docker's defaults: no TTY, no extra groups, the engine's ulimits)", () => {
    const o = createOptions({ ...base, tty: false, stdinOpen: false, noNewPrivileges: false, groupAdd: [], ulimits: [], sysctls: {} }, base.volumes, id);
    expect(o).toEqual(createOptions(base, base.volumes, id));
  });

  it("fractional CPUs become whole nano-CPUs", () => {
    expect(createOptions({ ...base, cpus: 1.333333333 }, [], id).HostConfig?.NanoCpus).toBe(1_333_333_333);
  });
});

describe("labels", () => {
  it("a homeport.* label smuggled past the schema never overrides Homeport's own", () => {
    const evil = { ...base, labels: { [LABELS.managed]: "false", [LABELS.serviceId]: "other", [LABELS.stack]: "x", "homeport.extra": "1", ok: "yes" } };
    const labels = createOptions(evil, [], id).Labels!;
    expect(labels[LABELS.managed]).toBe("true");
    expect(labels[LABELS.serviceId]).toBe("svc1");
    expect(labels).not.toHaveProperty(LABELS.stack);
    expect(labels).not.toHaveProperty("homeport.extra");
    expect(labels.ok).toBe("yes");
  });

  it("a stack's service is labelled with its stack", () => {
    expect(createOptions({ ...base, stack: "immich" }, [], id).Labels?.[LABELS.stack]).toBe("immich");
  });
});

describe("networks", () => {
  const networks = [
    { name: "immich-default", aliases: ["db", "postgres"], internal: false },
    { name: "immich-backend", aliases: ["db"], internal: true },
  ];

  it("the first network is the network mode, with its aliases; the rest are joined later", () => {
    const o = createOptions({ ...base, stack: "immich", networks }, [], id);
    expect(o.HostConfig?.NetworkMode).toBe("immich-default");
    expect(o.NetworkingConfig).toEqual({ EndpointsConfig: { "immich-default": { Aliases: ["db", "postgres"] } } });
  });

  it("network mode: host, first network, offline network, default bridge", () => {
    expect(networkModeOf({ ...base, hostNetwork: true })).toBe("host");
    expect(networkModeOf({ ...base, networks })).toBe("immich-default");
    expect(networkModeOf({ ...base, egress: "offline" })).toBe(OFFLINE_NETWORK);
    expect(networkModeOf({ ...base, egress: "offline", networks: [networks[1]!] })).toBe("immich-backend");
    expect(networkModeOf(base)).toBe("bridge");
  });

  it("no hostname and no endpoints on the host network", () => {
    const o = createOptions({ ...base, hostNetwork: true, hostname: "x" }, [], id);
    expect(o.Hostname).toBeUndefined();
    expect(o.NetworkingConfig).toBeUndefined();
  });
});

describe("powers (allowed by the policy before this runs)", () => {
  it("maps privileged, host PID, added capabilities, devices and GPUs", () => {
    const h = createOptions({ ...base, privileged: true, hostPid: true, capAdd: ["NET_ADMIN"], devices: ["/dev/dri"], gpus: true }, [], id).HostConfig!;
    expect(h).toMatchObject({
      Privileged: true,
      PidMode: "host",
      CapAdd: ["NET_ADMIN"],
      Devices: [{ PathOnHost: "/dev/dri", PathInContainer: "/dev/dri", CgroupPermissions: "rwm" }],
      DeviceRequests: [{ Driver: "", Count: -1, Capabilities: [["gpu"]] }],
    });
  });
});

describe("helpers", () => {
  it("tmpfs options: size in bytes and the mode in octal", () => {
    expect(tmpfsOptions({ target: "/tmp", sizeBytes: 4096, mode: 0o700 })).toBe("size=4096,mode=700");
    expect(tmpfsOptions({ target: "/tmp", mode: 0o1777 })).toBe("mode=1777");
  });

  it("stop timeout: the container's own grace period, else the fallback", () => {
    const info = (stop?: unknown) => ({ Config: stop === undefined ? {} : { StopTimeout: stop } }) as unknown as Docker.ContainerInspectInfo;
    expect(stopTimeoutOf(info(30), 5)).toBe(30);
    expect(stopTimeoutOf(info(0), 5)).toBe(0);
    expect(stopTimeoutOf(info(), 5)).toBe(5);
    expect(stopTimeoutOf(info(null), 5)).toBe(5);
  });
});
