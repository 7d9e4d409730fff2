import { describe, expect, it } from "vitest";
import { issuesFromZod } from "@/lib/errors";
import { IdParamSchema, ImageSchema, ServiceCreateSchema, ServiceUpdateSchema } from "./schemas";

const DIGEST = `sha256:${"a1".repeat(32)}`;
const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ");

describe("ImageSchema", () => {
  const valid: { desc: string; input: string }[] = [
    { desc: "bare name", input: "nginx" },
    { desc: "name and tag", input: "nginx:1.27" },
    { desc: "library path", input: "library/nginx:latest" },
    { desc: "registry host", input: "ghcr.io/org/app:tag" },
    { desc: "registry with port", input: "registry.lan:5000/team/app:v1.2.3" },
    { desc: "localhost registry", input: "localhost:5000/app" },
    { desc: "digest", input: `nginx@${DIGEST}` },
    { desc: "tag and digest", input: `nginx:1.27@${DIGEST}` },
    { desc: "separators in path", input: "my_app/my__app/my-app.x" },
    { desc: "tag with dots, dashes, underscores", input: "app:v1.2.3-rc_1" },
    { desc: "surrounding spaces trimmed", input: "  nginx  " },
  ];
  for (const c of valid) it(`accepts ${c.desc}`, () => expect(ImageSchema.safeParse(c.input).success).toBe(true));

  const invalid: { desc: string; input: string }[] = [
    { desc: "empty", input: "" },
    { desc: "upper case path", input: "Nginx" },
    { desc: "empty tag", input: "nginx:" },
    { desc: "tag only", input: ":latest" },
    { desc: "tag starting with a dash", input: "nginx:-x" },
    { desc: "tag longer than 128", input: `nginx:${"a".repeat(129)}` },
    { desc: "short digest", input: "nginx@sha256:abc" },
    { desc: "scheme", input: "https://ghcr.io/org/app" },
    { desc: "space inside", input: "nginx latest" },
    { desc: "trailing slash", input: "org/" },
    { desc: "parent directory", input: "../app" },
    { desc: "shell metacharacters", input: "nginx;rm -rf /" },
    { desc: "longer than 255", input: `a/${"b".repeat(260)}` },
  ];
  for (const c of invalid) it(`refuses ${c.desc}`, () => expect(ImageSchema.safeParse(c.input).success).toBe(false));
});

describe("ServiceCreateSchema", () => {
  const base = { name: "jellyfin", image: "jellyfin/jellyfin:10.9" };

  it("fills the defaults", () => {
    expect(ServiceCreateSchema.parse(base)).toEqual({
      ...base, command: [], env: {}, ports: [], volumes: [], healthcheck: null,
      restartPolicy: "unless-stopped", egress: "open", runtime: {}, hostId: null,
    });
    expect(ServiceCreateSchema.parse({ ...base, ports: [{ container: 80, host: 8080 }] }).ports)
      .toEqual([{ container: 80, host: 8080, protocol: "tcp", hostIp: "127.0.0.1" }]);
  });

  const cases: { desc: string; patch: Record<string, unknown>; ok: boolean; error?: RegExp }[] = [
    { desc: "upper-case name is lowered", patch: { name: "Jellyfin" }, ok: true },
    { desc: "name with a dot", patch: { name: "a.b" }, ok: false, error: /^name:/ },
    { desc: "unknown field", patch: { privileged: true }, ok: false, error: /privileged/ },
    { desc: "distinct published ports", patch: { ports: [{ container: 80, host: 8080 }, { container: 443, host: 8443 }] }, ok: true },
    { desc: "duplicate published port", patch: { ports: [{ container: 80, host: 8080 }, { container: 81, host: 8080 }] }, ok: false, error: /^ports: two ports publish the same host port/ },
    { desc: "same host port, other protocol", patch: { ports: [{ container: 53, host: 53 }, { container: 53, host: 53, protocol: "udp" }] }, ok: true },
    { desc: "same host port, other address", patch: { ports: [{ container: 80, host: 80, hostIp: "192.168.1.2" }, { container: 80, host: 80 }] }, ok: true },
    { desc: "same container port unpublished twice", patch: { ports: [{ container: 80 }, { container: 80 }] }, ok: true },
    { desc: "port 0", patch: { ports: [{ container: 0 }] }, ok: false },
    { desc: "port 65536", patch: { ports: [{ container: 80, host: 65536 }] }, ok: false },
    { desc: "fractional port", patch: { ports: [{ container: 80.5 }] }, ok: false },
    { desc: "port as string", patch: { ports: [{ container: "80" }] }, ok: false },
    { desc: "bad protocol", patch: { ports: [{ container: 80, protocol: "sctp" }] }, ok: false },
    { desc: "bad bind address", patch: { ports: [{ container: 80, host: 80, hostIp: "256.1.1.1" }] }, ok: false },
    { desc: "unknown port field", patch: { ports: [{ container: 80, privileged: true }] }, ok: false, error: /privileged/ },
    { desc: "unknown volume field", patch: { volumes: [{ source: "data", target: "/data", propagation: "shared" }] }, ok: false, error: /propagation/ },
    { desc: "unknown healthcheck field", patch: { healthcheck: { test: ["true"], startPeriod: 5 } }, ok: false, error: /startPeriod/ },
    { desc: "ports not an array", patch: { ports: 5 }, ok: false },
    { desc: "env keys", patch: { env: { TZ: "Europe/Paris", _X: "", a1: "b" } }, ok: true },
    { desc: "env key starting with a digit", patch: { env: { "1A": "x" } }, ok: false, error: /^env\.1A: / },
    { desc: "env key with a dash", patch: { env: { "A-B": "x" } }, ok: false, error: /^env\.A-B: / },
    { desc: "env key with =", patch: { env: { "A=B": "x" } }, ok: false, error: /^env\.A=B: / },
    { desc: "empty env key", patch: { env: { "": "x" } }, ok: false },
    { desc: "env value not a string", patch: { env: { A: 1 } }, ok: false },
    { desc: "more than 200 env variables", patch: { env: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`V${i}`, "x"])) }, ok: false, error: /at most 200/ },
    { desc: "named volume", patch: { volumes: [{ source: "jellyfin-config", target: "/config" }] }, ok: true },
    { desc: "host folder", patch: { volumes: [{ source: "/srv/media", target: "/media", readOnly: true }] }, ok: true },
    { desc: "file under /etc", patch: { volumes: [{ source: "/etc/letsencrypt", target: "/certs" }] }, ok: true },
    { desc: "GPU device folder", patch: { volumes: [{ source: "/dev/dri", target: "/dev/dri" }] }, ok: true },
    { desc: "relative host path", patch: { volumes: [{ source: "./data", target: "/data" }] }, ok: false },
    { desc: "relative target", patch: { volumes: [{ source: "data", target: "data" }] }, ok: false },
    { desc: "restart policy", patch: { restartPolicy: "sometimes" }, ok: false },
    { desc: "egress", patch: { egress: "offline" }, ok: true },
    { desc: "healthcheck", patch: { healthcheck: { test: ["wget", "-q", "http://127.0.0.1/"] } }, ok: true },
    { desc: "healthcheck without a command", patch: { healthcheck: { test: [] } }, ok: false },
    { desc: "runtime options", patch: { runtime: { memoryBytes: 512 * 1024 * 1024, cpus: 1.5, user: "1000:1000", readOnly: true, tmpfs: [{ target: "/tmp", sizeBytes: 65536 }], capDrop: ["ALL"], labels: { "com.example.team": "media" }, logging: { driver: "json-file", options: { "max-size": "10m" } } } }, ok: true },
    { desc: "a homeport.* label in runtime", patch: { runtime: { labels: { "homeport.managed": "false" } } }, ok: false, error: /^runtime\.labels\.homeport\.managed: / },
    { desc: "an unknown runtime option", patch: { runtime: { securityOpt: ["seccomp=unconfined"] } }, ok: false, error: /securityOpt/ },
    { desc: "memory below Docker's minimum", patch: { runtime: { memoryBytes: 1024 } }, ok: false, error: /^runtime\.memoryBytes: / },
    { desc: "reservation above the limit", patch: { runtime: { memoryBytes: 64 * 1024 * 1024, memoryReservationBytes: 128 * 1024 * 1024 } }, ok: false, error: /^runtime\.memoryReservationBytes: the reservation cannot exceed the limit/ },
    { desc: "a log driver that ships logs elsewhere", patch: { runtime: { logging: { driver: "syslog" } } }, ok: false, error: /^runtime\.logging\.driver: / },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = ServiceCreateSchema.safeParse({ ...base, ...c.patch });
      expect(r.success, messages(r)).toBe(c.ok);
      if (c.error) expect(messages(r)).toMatch(c.error);
    });
  }

  it("the API's issue for a reserved label says why, at the label's path", () => {
    const r = ServiceCreateSchema.safeParse({ ...base, runtime: { labels: { "homeport.managed": "false" } } });
    expect(r.success).toBe(false);
    expect(issuesFromZod(r.error!)).toEqual([{ path: "runtime.labels.homeport.managed", message: "a label key (homeport.* is reserved)" }]);
  });

  const forbidden = [
    "/", "//", "/var/run/docker.sock", "/run/docker.sock", "/var/run/docker.sock/", "/var/run//docker.sock",
    "/var/run/./docker.sock", "/srv/../var/run/docker.sock", "/var/run", "/run", "/var", "/etc", "/etc/", "/proc",
    "/sys", "/dev", "/boot", "/root", "/root/",
  ];
  for (const source of forbidden) {
    it(`refuses mounting ${source}`, () => {
      const r = ServiceCreateSchema.safeParse({ ...base, volumes: [{ source, target: "/host" }] });
      expect(r.success).toBe(false);
      expect(messages(r)).toMatch(/would hand the container the host/);
    });
  }
});

describe("ServiceUpdateSchema", () => {
  const cases: { desc: string; input: unknown; ok: boolean }[] = [
    { desc: "one field", input: { image: "nginx:1.28" }, ok: true },
    { desc: "nothing to change", input: {}, ok: false },
    { desc: "unknown field", input: { image: "nginx", foo: 1 }, ok: false },
    { desc: "duplicate published port", input: { ports: [{ container: 1, host: 80 }, { container: 2, host: 80 }] }, ok: false },
    { desc: "hostId null unplaces", input: { hostId: null }, ok: true },
    { desc: "forbidden mount", input: { volumes: [{ source: "/var/run/docker.sock", target: "/s" }] }, ok: false },
    { desc: "not an object", input: [], ok: false },
    { desc: "runtime replaced", input: { runtime: { pidsLimit: 100 } }, ok: true },
    { desc: "runtime cleared", input: { runtime: {} }, ok: true },
    { desc: "runtime with a reserved label", input: { runtime: { labels: { "homeport.service-id": "x" } } }, ok: false },
    { desc: "stack ownership is not an input", input: { stackId: "stk1" }, ok: false },
  ];
  for (const c of cases) it(c.desc, () => expect(ServiceUpdateSchema.safeParse(c.input).success).toBe(c.ok));
});

describe("IdParamSchema", () => {
  const cases: { desc: string; input: unknown; ok: boolean }[] = [
    { desc: "cuid", input: "cmi9x2k3l0000abcd1234efgh", ok: true },
    { desc: "too short", input: "abc", ok: false },
    { desc: "path traversal", input: "../etc/passwd", ok: false },
    { desc: "SQL", input: "1' OR '1'='1", ok: false },
    { desc: "too long", input: "a".repeat(41), ok: false },
    { desc: "not a string", input: 42, ok: false },
  ];
  for (const c of cases) it(c.desc, () => expect(IdParamSchema.safeParse(c.input).success).toBe(c.ok));
});
