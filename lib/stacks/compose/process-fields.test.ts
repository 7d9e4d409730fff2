// The process and sandbox keys homelab Compose files use: what each maps to on the service's
// runtime, and each refusal placed at its key with the reason.
import { describe, expect, it } from "vitest";
import { formatComposeIssue } from "./issues";
import { parseCompose } from "./parse";
import { canonicalSignal } from "./process-fields";

const yaml = (lines: string[]) => ["services:", "  app:", "    image: nginx:1.27", ...lines].join("\n") + "\n";

function parse(lines: string[]) {
  const r = parseCompose(yaml(lines), { stackName: "lab", env: { FILES: "4096" } });
  return r.ok
    ? { runtime: r.project.services.app!.runtime, warnings: r.warnings.map(formatComposeIssue), errors: [] as string[] }
    : { runtime: null, warnings: [], errors: r.errors.map(formatComposeIssue) };
}

describe("process and sandbox keys: accepted", () => {
  it("maps tty, stdin_open, stop_signal, group_add, ulimits in both forms, security_opt and sysctls", () => {
    const r = parse([
      "    tty: true",
      "    stdin_open: 'true'",
      "    stop_signal: SIGQUIT",
      "    group_add: [video, 44]",
      "    ulimits:",
      "      nofile: { soft: '${FILES}', hard: 65535 }",
      "      nproc: 65535",
      "      memlock: -1",
      "    security_opt: [no-new-privileges:true]",
      "    sysctls: [net.ipv4.ip_unprivileged_port_start=0, net.core.somaxconn=1024]",
    ]);
    expect(r.errors).toEqual([]);
    expect(r.runtime).toEqual({
      tty: true,
      stdinOpen: true,
      stopSignal: "SIGQUIT",
      groupAdd: ["video", "44"],
      ulimits: [{ name: "nofile", soft: 4096, hard: 65535 }, { name: "nproc", soft: 65535, hard: 65535 }, { name: "memlock", soft: -1, hard: -1 }],
      noNewPrivileges: true,
      sysctls: { "net.ipv4.ip_unprivileged_port_start": "0", "net.core.somaxconn": "1024" },
    });
  });

  it("reads sysctls as a map, no-new-privileges without a value, and false values as Docker's defaults", () => {
    const r = parse(["    tty: false", "    security_opt: [no-new-privileges]", "    sysctls: { kernel.shmmax: 68719476736, fs.mqueue.msg_max: 100 }"]);
    expect(r.runtime).toEqual({ noNewPrivileges: true, sysctls: { "kernel.shmmax": "68719476736", "fs.mqueue.msg_max": "100" } });
    expect(parse(["    security_opt: ['no-new-privileges:false']", "    stdin_open: false"]).runtime).toEqual({});
  });

  it("spells a stop signal the way Docker takes it", () => {
    expect(canonicalSignal("term")).toBe("SIGTERM");
    expect(canonicalSignal("SIGRTMIN+3")).toBe("SIGRTMIN+3");
    expect(canonicalSignal(3)).toBe("3");
    expect(parse(["    stop_signal: INT"]).runtime).toEqual({ stopSignal: "SIGINT" });
  });

  it("accepts the usual pull policies with a warning saying what Homeport does instead", () => {
    for (const policy of ["missing", "if_not_present", "always", "never"]) {
      const r = parse([`    pull_policy: ${policy}`]);
      expect(r.runtime).toEqual({});
      expect(r.warnings).toEqual([`services.app.pull_policy: ${policy} is not applied: Homeport pulls the image when the host does not have it, or on every apply you ask to pull (line 4, column 18)`]);
    }
  });
});

describe("process and sandbox keys: refused at the key, with why", () => {
  it("security options that weaken the sandbox, custom profiles and the rest", () => {
    expect(parse(["    security_opt:", "      - seccomp:unconfined", "      - apparmor=unconfined", "      - label:disable", "      - seccomp:/srv/profile.json", "      - systempaths=unconfined", "      - credentialspec=file://x"]).errors).toEqual([
      'services.app.security_opt[0]: "seccomp:unconfined": seccomp:unconfined weakens the sandbox that keeps the container from the host and is not supported (line 5, column 9)',
      'services.app.security_opt[1]: "apparmor=unconfined": apparmor:unconfined weakens the sandbox that keeps the container from the host and is not supported (line 6, column 9)',
      'services.app.security_opt[2]: "label:disable": label:disable weakens the sandbox that keeps the container from the host and is not supported (line 7, column 9)',
      'services.app.security_opt[3]: "seccomp:/srv/profile.json": custom seccomp settings are not supported (the engine\'s default profile applies) (line 8, column 9)',
      'services.app.security_opt[4]: "systempaths=unconfined": systempaths:unconfined weakens the sandbox that keeps the container from the host and is not supported (line 9, column 9)',
      'services.app.security_opt[5]: "credentialspec=file://x": not supported: only no-new-privileges is (line 10, column 9)',
    ]);
  });

  it("host-wide sysctls, net.* on the host network, and a sysctl without a value", () => {
    expect(parse(["    sysctls: [kernel.core_pattern=|/tmp/x, vm.swappiness=0, net.core.somaxconn]"]).errors).toEqual([
      'services.app.sysctls[0]: "kernel.core_pattern": a namespaced sysctl: net.*, kernel.shm*, kernel.msg*, kernel.sem or fs.mqueue.* (line 4, column 15)',
      'services.app.sysctls[1]: "vm.swappiness": a namespaced sysctl: net.*, kernel.shm*, kernel.msg*, kernel.sem or fs.mqueue.* (line 4, column 44)',
      'services.app.sysctls[2]: "net.core.somaxconn" needs a value (line 4, column 61)',
    ]);
    expect(parse(["    network_mode: host", "    sysctls: { net.ipv4.ip_forward: 1 }"]).errors).toEqual([
      'services.app.sysctls.net.ipv4.ip_forward: "net.ipv4.ip_forward": net.* sysctls would change the host\'s network (Docker refuses them with network_mode: host) (line 5, column 37)',
    ]);
  });

  it("unknown limits, soft above hard and values that are not numbers", () => {
    expect(parse(["    ulimits:", "      files: 10", "      nofile: { soft: 65536, hard: 1024 }", "      nproc: lots"]).errors).toEqual([
      'services.app.ulimits.files: "files" is not a limit Docker sets (core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack) (line 5, column 7)',
      'services.app.ulimits.nproc: "lots" is not a limit: a whole number, -1 for unlimited, or { soft, hard } (line 7, column 14)',
      "services.app.ulimits.nofile: 65536: the soft limit cannot exceed the hard limit (line 6, column 7)",
    ]);
  });

  it("a stop signal Docker does not know, a bad group and scheduled or build pull policies", () => {
    expect(parse(["    stop_signal: SIGFOO", "    group_add: ['wheel:x']", "    pull_policy: daily"]).errors).toEqual([
      'services.app.pull_policy: "daily": scheduled pulls are not supported; Homeport pulls the image when the host does not have it, or on an apply you ask to pull (line 6, column 18)',
      'services.app.stop_signal: "SIGFOO": a signal such as SIGTERM, SIGQUIT or SIGINT, or its number (1-64) (line 4, column 18)',
      'services.app.group_add[0]: "wheel:x": a group name or id (line 5, column 17)',
    ]);
    expect(parse(["    pull_policy: build"]).errors).toEqual([
      "services.app.pull_policy: Homeport deploys images; build and push the image first, then name it in image: (line 4, column 18)",
    ]);
  });
});
