import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { formatComposeIssue, MAX_COMPOSE_ERRORS } from "./issues";
import { MAX_ENTRIES, parseCompose } from "./parse";
import { referencedVariables } from "./variables";

const yaml = (lines: string[]) => lines.join("\n") + "\n";

function project(text: string, env: Record<string, string> = {}) {
  const r = parseCompose(text, { stackName: "lab", env });
  if (!r.ok) throw new Error(r.errors.map(formatComposeIssue).join("\n"));
  return r;
}
function errors(text: string, env: Record<string, string> = {}) {
  const r = parseCompose(text, { stackName: "lab", env });
  return r.ok ? [] : r.errors.map(formatComposeIssue);
}

describe("parseCompose: runtime options", () => {
  it("maps Docker options onto the service's runtime", () => {
    const r = project(yaml([
      "services:",
      "  app:",
      "    image: ghcr.io/example/app:1.2",
      "    user: 1000:1000",
      "    read_only: true",
      "    tmpfs:",
      "      - /tmp",
      "      - /run:size=64m,mode=1777",
      "    working_dir: /srv",
      "    hostname: app",
      "    init: true",
      "    stop_grace_period: 1m30s",
      "    cap_add: [CAP_NET_ADMIN]",
      "    cap_drop: [ALL]",
      "    labels: [traefik.enable=true, note]",
      "    extra_hosts: [\"host.docker.internal:host-gateway\", \"nas=192.168.1.5\"]",
      "    logging: { driver: local, options: { max-size: 10m, max-file: 3 } }",
      "    mem_reservation: 256m",
      "    shm_size: 1g",
      "    deploy:",
      "      resources:",
      "        limits: { cpus: '0.5', memory: 1G, pids: 200 }",
      "        reservations:",
      "          devices: [{ driver: nvidia, count: all, capabilities: [gpu] }]",
      "    devices: [/dev/dri:/dev/dri]",
    ]));
    expect(r.project.services.app!.runtime).toEqual({
      user: "1000:1000",
      workingDir: "/srv",
      hostname: "app",
      readOnly: true,
      init: true,
      tmpfs: [{ target: "/tmp" }, { target: "/run", sizeBytes: 64 * 1024 ** 2, mode: 0o1777 }],
      stopGraceSeconds: 90,
      capAdd: ["NET_ADMIN"],
      capDrop: ["ALL"],
      labels: { "traefik.enable": "true", note: "" },
      extraHosts: [{ hostname: "host.docker.internal", ip: "host-gateway" }, { hostname: "nas", ip: "192.168.1.5" }],
      logging: { driver: "local", options: { "max-size": "10m", "max-file": "3" } },
      memoryReservationBytes: 256 * 1024 ** 2,
      shmSizeBytes: 1024 ** 3,
      cpus: 0.5,
      memoryBytes: 1024 ** 3,
      pidsLimit: 200,
      gpus: true,
      devices: ["/dev/dri"],
    });
  });

  it("maps host namespaces and privileged mode", () => {
    const r = project(yaml(["services:", "  ha:", "    image: homeassistant/home-assistant:stable", "    network_mode: host", "    pid: host", "    privileged: true"]));
    expect(r.project.services.ha!.runtime).toEqual({ privileged: true, hostNetwork: true, hostPid: true });
    expect(r.project.services.ha!.networks).toEqual([]);
  });

  it("places the runtime schema's errors at the Compose key", () => {
    expect(errors(yaml(["services:", "  app:", "    image: nginx", "    mem_limit: 1m", "    hostname: Not_A_Label"]))).toEqual([
      "services.app.hostname: \"Not_A_Label\": lower-case letters, digits and inner hyphens only (line 5, column 15)",
      "services.app.mem_limit: 1048576: at least 6 MiB (line 4, column 16)",
    ]);
  });

  it("refuses two keys that set the same limit differently", () => {
    expect(errors(yaml(["services:", "  app:", "    image: nginx", "    mem_limit: 512m", "    deploy: { resources: { limits: { memory: 1g } } }"]))).toEqual([
      "services.app.deploy.resources.limits.memory: conflicts with mem_limit (536870912); set one of them (line 5, column 46)",
    ]);
  });

  it("refuses a device mapped to another path and a non-GPU device request", () => {
    expect(errors(yaml(["services:", "  app:", "    image: nginx", "    devices: [/dev/ttyUSB0:/dev/zigbee]", "    deploy: { resources: { reservations: { devices: [{ capabilities: [tpu] }] } } }"]))).toEqual([
      "services.app.deploy.resources.reservations.devices[0].capabilities: only GPU requests (capabilities: [gpu]) are supported; map other devices with devices: (line 5, column 56)",
      "services.app.devices[0]: \"/dev/ttyUSB0:/dev/zigbee\" maps /dev/ttyUSB0 to a different path (/dev/zigbee); Homeport maps a device at its own path (line 4, column 15)",
    ]);
  });
});

describe("parseCompose: basic fields", () => {
  it("reads command, entrypoint, environment, restart and healthcheck forms", () => {
    const r = project(yaml([
      "services:",
      "  a:",
      "    image: busybox",
      "    command: sh -c 'echo \"hi there\"; sleep 5'",
      "    entrypoint: [/bin/tini, --]",
      "    restart: on-failure:5",
      "    env_file: .env",
      "    environment: { FROM_FILE: overridden, EMPTY: null, NUM: 5, FLAG: true }",
      "    healthcheck: { test: wget -q -O- http://127.0.0.1/, interval: 500ms, retries: '4' }",
      "  b:",
      "    image: busybox",
      "    environment: [A=1, TOKEN, MISSING]",
      "    healthcheck: { disable: true }",
      "  c:",
      "    image: busybox",
      "    healthcheck: { test: [NONE] }",
    ]), { FROM_FILE: "file", TOKEN: "secret", EMPTY: "e" });
    const { a, b, c } = r.project.services;
    expect(a!.command).toEqual(["sh", "-c", 'echo "hi there"; sleep 5']);
    expect(a!.entrypoint).toEqual(["/bin/tini", "--"]);
    expect(a!.runtime.entrypoint).toEqual(["/bin/tini", "--"]);
    expect(a!.restart).toEqual({ policy: "on-failure", maxRetries: 5 });
    expect(a!.environment).toEqual({ FROM_FILE: "overridden", TOKEN: "secret", EMPTY: "e", NUM: "5", FLAG: "true" });
    expect(a!.healthcheck).toEqual({ disabled: false, test: ["CMD-SHELL", "wget -q -O- http://127.0.0.1/"], intervalSeconds: 1, timeoutSeconds: 30, retries: 4, startPeriodSeconds: 0 });
    expect(b!.environment).toEqual({ A: "1", TOKEN: "secret" });
    expect(b!.healthcheck).toEqual({ disabled: true });
    expect(b!.restart).toEqual({ policy: "no" });
    expect(c!.healthcheck).toEqual({ disabled: true });
    expect(r.warnings.map(formatComposeIssue)).toEqual([
      'services.a.healthcheck.interval: "500ms" is rounded up to 1 s (line 9, column 67)',
      "services.b.environment[2]: MISSING takes its value from the stack's .env, which does not set it; it is left unset (line 12, column 31)",
    ]);
  });

  it("warns about unset variables and the ignored container_name", () => {
    const r = project(yaml(["services:", "  web:", "    image: nginx${TAG}", "    container_name: my-web"]));
    expect(r.project.services.web!.image).toBe("nginx");
    expect(r.warnings.map(formatComposeIssue)).toEqual([
      "services.web.image: TAG is not set in the stack's .env; using an empty string (line 3, column 12)",
      "services.web.container_name: ignored: Homeport names containers after the stack and the service (lab-…) (line 4, column 5)",
    ]);
  });

  it("refuses service names that cannot be names on the stack's network", () => {
    expect(errors(yaml(["services:", "  _app:", "    image: nginx", `  ${"a".repeat(64)}:`, "    image: nginx", "  My_App.v2:", "    image: nginx"]))).toEqual([
      'services._app: "_app": a service name starts with a letter or digit and has at most 63 characters (other services reach it by this name) (line 2, column 3)',
      `services.${"a".repeat(64)}: "${"a".repeat(64)}": a service name starts with a letter or digit and has at most 63 characters (other services reach it by this name) (line 4, column 3)`,
    ]);
  });

  it("refuses a bind mount of the Docker socket", () => {
    expect(errors(yaml(["services:", "  web:", "    image: nginx", "    volumes: [/var/run/docker.sock:/var/run/docker.sock]"]))[0]).toMatch(/^services\.web\.volumes\[0\]: "\/var\/run\/docker\.sock": mounting this host path would hand the container the host \(line 4/);
  });

  it("refuses a host port published twice across services", () => {
    expect(errors(yaml(["services:", "  a:", "    image: nginx", "    ports: ['80:80']", "  b:", "    image: nginx", "    ports: ['127.0.0.1:80:8080']"]))).toEqual([
      "services.b.ports: host port 80/tcp is already published by a (line 7, column 5)",
    ]);
  });

  it("refuses an unknown network and a network entry's unsupported keys", () => {
    expect(errors(yaml(["services:", "  a:", "    image: nginx", "    networks:", "      front: { ipv4_address: 10.0.0.5 }", "      back:", "networks:", "  front:"]))).toEqual([
      "services.a.networks.front.ipv4_address: ipv4_address is not supported (a service's network entry takes aliases) (line 5, column 16)",
      'services.a.networks.back: the network "back" is not declared under the top-level networks (line 6, column 7)',
    ]);
  });
});

describe("parseCompose: refusals", () => {
  it("caps the error list", () => {
    const services = Array.from({ length: 80 }, (_, i) => `  s${i}:\n    image: nginx\n    build: .`).join("\n");
    const r = parseCompose(`services:\n${services}\n`, { stackName: "lab" });
    expect(r.ok ? 0 : r.errors.length).toBe(MAX_COMPOSE_ERRORS);
  });

  it("refuses a list longer than any Compose file needs, at its key", () => {
    const ports = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => `      - "${i + 1}:80"`).join("\n");
    expect(errors(`services:\n  web:\n    image: nginx\n    ports:\n${ports}\n`)).toEqual([`services.web.ports: more than ${MAX_ENTRIES} entries (line 4, column 5)`]);
  });

  it("refuses more than 100 services", () => {
    const services = Array.from({ length: 101 }, (_, i) => `  s${i}: { image: nginx }`).join("\n");
    expect(errors(`services:\n${services}\n`)).toEqual(["services: 101 services; a stack has at most 100 (line 1, column 1)"]);
  });

  it("refuses an empty file, a bad stack name and non-text input", () => {
    expect(errors("")).toEqual(["the file is empty: a stack needs at least one service"]);
    expect(errors("services: {}\n")).toEqual(["services: a stack needs at least one service (line 1, column 1)"]);
    expect(parseCompose("services: {}", { stackName: "Bad Name" })).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/not a stack name/) }] });
    expect(parseCompose(42 as unknown as string, { stackName: "lab" })).toMatchObject({ ok: false });
  });

  it("refuses binary and other exotic YAML values", () => {
    expect(errors(yaml(["services:", "  web:", "    image: nginx", "    labels:", "      blob: !!binary aGVsbG8="]))[0]).toMatch(/^services\.web\.labels\.blob: this YAML tag/);
  });
});

describe("parseCompose never throws", () => {
  it("on random text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
      const r = parseCompose(s, { stackName: "lab" });
      expect(typeof r.ok).toBe("boolean");
      if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it("on random bytes read as text", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      const r = parseCompose(new TextDecoder().decode(bytes), { stackName: "lab" });
      expect(typeof r.ok).toBe("boolean");
    }), { numRuns: 300 });
  });

  it("on random documents shaped like Compose files", () => {
    const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom("8080:80", "${X:-1}", "$", "512m", "/data:/data", "service_healthy"));
    const key = fc.constantFrom("image", "ports", "volumes", "environment", "depends_on", "healthcheck", "deploy", "tmpfs", "labels", "command", "restart", "networks", "devices", "test", "condition", "x-y", "__proto__");
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(key, tie("node"), { maxKeys: 4 })),
    })).node;
    const doc = fc.record({ services: fc.dictionary(fc.constantFrom("web", "db", "a-b"), fc.dictionary(key, value, { maxKeys: 6 }), { maxKeys: 3 }), volumes: fc.dictionary(fc.constantFrom("data", "db"), fc.constant(null), { maxKeys: 2 }) });
    fc.assert(fc.property(doc, (d) => {
      const r = parseCompose(stringify(d), { stackName: "lab", env: { X: "1" } });
      expect(typeof r.ok).toBe("boolean");
      if (!r.ok) expect(r.errors.length).toBeLessThanOrEqual(MAX_COMPOSE_ERRORS);
    }), { numRuns: 300 });
  });

  it("on deep nesting, huge numbers and long strings", () => {
    const cases = [
      `services: ${"[".repeat(100_000)}`,
      `services:\n  web:\n    image: nginx\n    ports: [${"9".repeat(400)}]\n    mem_limit: 1e400\n    cpus: 1e308\n`,
      `services:\n  web:\n    image: nginx\n    environment: { A: "${"$".repeat(2)}${"x".repeat(100_000)}" }\n`,
      `services:\n  web:\n    image: "${"${A:-".repeat(1000)}"\n`,
      Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n"),
    ];
    for (const text of cases) {
      const r = parseCompose(text, { stackName: "lab" });
      expect(r.ok, text.slice(0, 40)).toBe(false);
    }
  });
});

describe("referencedVariables", () => {
  it("lists the variables values use, not keys, comments or $$", () => {
    expect(referencedVariables(yaml([
      "# ${IN_COMMENT}",
      "services:",
      "  web:",
      "    image: app:${TAG:-latest}",
      "    environment:",
      "      ${NOT_A_KEY_VAR}: x",
      "      DB: $DB_HOST",
      "      PW: ${DB_PASSWORD:?set it}",
      "      COST: $$5",
      "      URL: ${BASE:-http://${HOST:-localhost}}",
    ]))).toEqual(["BASE", "DB_HOST", "DB_PASSWORD", "HOST", "TAG"]);
  });

  it("falls back to a text scan when the YAML does not parse", () => {
    expect(referencedVariables("services: [\n  image: ${A}\n  x: $$B $C")).toEqual(["A", "C"]);
  });
});

describe("parseCompose: extension keys", () => {
  it("ignores x- keys where the schema allows extensions, but keeps labels and options named x-", () => {
    const r = project(yaml([
      "x-top: 1",
      "services:",
      "  web:",
      "    image: nginx",
      "    x-meta: { owner: me }",
      "    labels: { x-frame: deny }",
      "    logging: { driver: json-file, options: { x-opt: '1' } }",
      "    ports: [{ target: 80, published: 8080, x-note: public }]",
    ]));
    expect(r.project.services.web!.runtime.labels).toEqual({ "x-frame": "deny" });
    expect(r.project.services.web!.runtime.logging?.options).toEqual({ "x-opt": "1" });
    expect(r.project.services.web!.ports).toEqual([{ container: 80, host: 8080, protocol: "tcp", hostIp: "0.0.0.0" }]);
  });
});
