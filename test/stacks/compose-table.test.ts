// The Compose importer against real-world files: every valid fixture (written by hand in the style of
// popular homelab projects' published files) parses into the facts a user would check; every broken
// one is refused with the exact key path and line a user would be pointed to.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatComposeIssue, parseCompose, type ComposeIssue, type ComposeProject } from "@/lib/stacks/compose";

const DIR = join(__dirname, "fixtures/compose");
const MiB = 1024 * 1024;

interface ValidCase {
  file: string;
  env?: Record<string, string>;
  check(project: ComposeProject, warnings: ComposeIssue[]): void;
}
interface BrokenCase {
  file: string;
  env?: Record<string, string>;
  /** Every error, in order: where it points and what it says. */
  errors: { path: string; line: number; message: RegExp }[];
}

function parse(file: string, env: Record<string, string> = {}) {
  return parseCompose(readFileSync(join(DIR, file), "utf8"), { stackName: "lab", env });
}
const svc = (p: ComposeProject, name: string) => {
  const s = p.services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
};
const published = (p: ComposeProject, name: string) => svc(p, name).ports.filter((x) => x.host !== undefined).map((x) => `${x.hostIp}:${x.host}->${x.container}/${x.protocol}`);

const VALID: ValidCase[] = [
  {
    file: "immich.yml",
    env: { UPLOAD_LOCATION: "/srv/immich/library", DB_DATA_LOCATION: "/srv/immich/postgres", DB_PASSWORD: "postgres", DB_USERNAME: "postgres", DB_DATABASE_NAME: "immich", IMMICH_VERSION: "v1.135.3", TZ: "Europe/Paris" },
    check(p, warnings) {
      expect(Object.keys(p.services).sort()).toEqual(["database", "immich-machine-learning", "immich-server", "redis"]);
      expect(svc(p, "immich-server").image).toBe("ghcr.io/immich-app/immich-server:v1.135.3");
      expect(published(p, "immich-server")).toEqual(["0.0.0.0:2283->2283/tcp"]);
      expect(svc(p, "immich-server").dependsOn.map((d) => `${d.service}:${d.condition}`)).toEqual(["redis:service_started", "database:service_started"]);
      expect(svc(p, "immich-server").volumes[0]).toEqual({ type: "bind", source: "/srv/immich/library", target: "/usr/src/app/upload", readOnly: false });
      expect(svc(p, "immich-server").environment.DB_PASSWORD).toBe("postgres"); // env_file: .env
      expect(svc(p, "immich-server").healthcheck).toBeNull(); // disable: false keeps the image's own
      expect(svc(p, "immich-machine-learning").runtime.gpus).toBe(true);
      expect(svc(p, "database").runtime.shmSizeBytes).toBe(128 * MiB);
      expect(svc(p, "redis").healthcheck).toMatchObject({ test: ["CMD-SHELL", "redis-cli ping || exit 1"], intervalSeconds: 30, retries: 3 });
      expect(p.order.indexOf("database")).toBeLessThan(p.order.indexOf("immich-server"));
      expect(warnings.filter((w) => w.path.endsWith("container_name"))).toHaveLength(4);
    },
  },
  {
    file: "nextcloud.yml",
    env: { MYSQL_ROOT_PASSWORD: "root", MYSQL_PASSWORD: "nextcloud" },
    check(p) {
      expect(published(p, "app")).toEqual(["0.0.0.0:8080->80/tcp"]);
      expect(svc(p, "app").dependsOn).toContainEqual({ service: "db", condition: "service_healthy", required: true, restart: false });
      expect(svc(p, "app").runtime.memoryBytes).toBe(2048 * MiB);
      expect(svc(p, "db").command).toEqual(["--transaction-isolation=READ-COMMITTED", "--log-bin=binlog", "--binlog-format=ROW"]);
      expect(svc(p, "db").healthcheck).toMatchObject({ test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"], startPeriodSeconds: 10, timeoutSeconds: 5 });
      expect(svc(p, "cron").entrypoint).toEqual(["/cron.sh"]);
      expect(svc(p, "app").environment.MYSQL_PASSWORD).toBe("nextcloud");
      expect(Object.keys(p.volumes).sort()).toEqual(["db", "nextcloud"]);
    },
  },
  {
    file: "authentik.yml",
    env: { PG_PASS: "a-long-password", AUTHENTIK_SECRET_KEY: "a-secret-key" },
    check(p) {
      expect(Object.keys(p.services).sort()).toEqual(["postgresql", "redis", "server", "worker"]);
      expect(svc(p, "server").image).toBe("ghcr.io/goauthentik/server:2025.6.3");
      expect(svc(p, "server").command).toEqual(["server"]);
      expect(published(p, "server")).toEqual(["0.0.0.0:9000->9000/tcp", "0.0.0.0:9443->9443/tcp"]);
      expect(svc(p, "worker").dependsOn.map((d) => `${d.service}:${d.condition}`)).toEqual(["postgresql:service_healthy", "redis:service_healthy"]);
      // $$ leaves a literal $ for the container's shell.
      expect(svc(p, "postgresql").healthcheck).toMatchObject({ test: ["CMD-SHELL", "pg_isready -d ${POSTGRES_DB} -U ${POSTGRES_USER}"], startPeriodSeconds: 20, intervalSeconds: 30 });
      expect(svc(p, "postgresql").environment).toMatchObject({ POSTGRES_USER: "authentik", POSTGRES_PASSWORD: "a-long-password" });
      expect(svc(p, "redis").command).toEqual(["--save", "60", "1", "--loglevel", "warning"]);
      expect(p.order.slice(-2).sort()).toEqual(["server", "worker"]);
    },
  },
  {
    file: "forgejo.yml",
    env: { FORGEJO_DB_PASSWORD: "forgejo-db" },
    check(p) {
      expect(published(p, "server")).toEqual(["0.0.0.0:3000->3000/tcp", "0.0.0.0:222->22/tcp"]);
      expect(svc(p, "server").networks).toEqual([{ name: "forgejo", aliases: [] }]);
      expect(p.networks).toEqual({ forgejo: { internal: false, labels: {} } });
      expect(svc(p, "server").environment.FORGEJO__database__PASSWD).toBe("forgejo-db");
      expect(svc(p, "server").volumes).toContainEqual({ type: "bind", source: "/etc/timezone", target: "/etc/timezone", readOnly: true });
      expect(svc(p, "server").restart).toEqual({ policy: "always" });
    },
  },
  {
    file: "ollama-open-webui.yml",
    check(p) {
      expect(svc(p, "ollama").image).toBe("ollama/ollama:latest");
      expect(svc(p, "ollama").runtime.gpus).toBe(true);
      expect(published(p, "open-webui")).toEqual(["0.0.0.0:3000->8080/tcp"]);
      expect(svc(p, "open-webui").environment).toEqual({ OLLAMA_BASE_URL: "http://ollama:11434", WEBUI_SECRET_KEY: "" });
      expect(svc(p, "open-webui").runtime.extraHosts).toEqual([{ hostname: "host.docker.internal", ip: "host-gateway" }]);
      expect(svc(p, "open-webui").dependsOn).toEqual([{ service: "ollama", condition: "service_started", required: true, restart: false }]);
    },
  },
  {
    file: "open-webui.yml",
    check(p, warnings) {
      expect(svc(p, "ollama").runtime).toEqual({ tty: true });
      expect(svc(p, "open-webui").runtime).toEqual({ noNewPrivileges: true, ulimits: [{ name: "nofile", soft: 65536, hard: 65536 }], stopSignal: "SIGINT" });
      expect(published(p, "open-webui")).toEqual(["0.0.0.0:3000->8080/tcp"]);
      expect(warnings.filter((w) => w.path.endsWith("pull_policy")).map((w) => `${w.path} @ line ${w.line}`)).toEqual(["services.ollama.pull_policy @ line 8", "services.open-webui.pull_policy @ line 16"]);
      expect(warnings.find((w) => w.path.endsWith("pull_policy"))?.message).toMatch(/Homeport pulls the image when the host does not have it/);
    },
  },
  {
    file: "jellyfin.yml",
    check(p) {
      const j = svc(p, "jellyfin");
      expect(j.runtime.devices).toEqual(["/dev/dri/renderD128"]);
      expect(j.runtime.user).toBe("1000:1000");
      expect(published(p, "jellyfin")).toEqual(["0.0.0.0:8096->8096/tcp", "0.0.0.0:7359->7359/udp"]);
      expect(j.volumes).toContainEqual({ type: "bind", source: "/mnt/media", target: "/media", readOnly: true });
      expect(j.restart.policy).toBe("unless-stopped");
    },
  },
  {
    file: "home-assistant.yml",
    check(p) {
      const ha = svc(p, "homeassistant");
      expect(ha.runtime).toMatchObject({ hostNetwork: true, privileged: true });
      expect(ha.networks).toEqual([]);
      expect(p.networks).toEqual({});
      expect(ha.volumes.map((v) => `${v.source}:${v.readOnly ? "ro" : "rw"}`)).toEqual(["/srv/homeassistant/config:rw", "/etc/localtime:ro", "/run/dbus:ro"]);
    },
  },
  {
    file: "pihole.yml",
    check(p) {
      expect(published(p, "pihole")).toEqual(["0.0.0.0:53->53/tcp", "0.0.0.0:53->53/udp", "0.0.0.0:80->80/tcp", "0.0.0.0:443->443/tcp"]);
      expect(svc(p, "pihole").runtime.capAdd).toEqual(["NET_ADMIN", "SYS_TIME", "SYS_NICE"]);
      expect(svc(p, "pihole").environment.FTLCONF_webserver_api_password).toBe("correct horse battery staple");
    },
  },
  {
    file: "vaultwarden.yml",
    env: { VW_ADMIN_TOKEN: "token" },
    check(p) {
      expect(published(p, "vaultwarden")).toEqual(["127.0.0.1:8000->80/tcp"]);
      expect(svc(p, "vaultwarden").environment).toEqual({ DOMAIN: "https://vaultwarden.example.com", SIGNUPS_ALLOWED: "false", ADMIN_TOKEN: "token" });
      expect(svc(p, "vaultwarden").runtime.readOnly).toBeUndefined(); // read_only: false is Docker's default
    },
  },
  {
    file: "uptime-kuma.yml",
    check(p, warnings) {
      expect(published(p, "uptime-kuma")).toEqual(["0.0.0.0:3001->3001/tcp"]);
      expect(svc(p, "uptime-kuma").healthcheck).toEqual({ disabled: false, test: ["CMD", "extra/healthcheck"], intervalSeconds: 60, timeoutSeconds: 30, retries: 5, startPeriodSeconds: 180 });
      expect(warnings.map((w) => w.path)).toContain("version");
    },
  },
  {
    file: "paperless-ngx.yml",
    check(p) {
      expect(svc(p, "webserver").dependsOn.map((d) => d.service)).toEqual(["db", "broker", "gotenberg", "tika"]);
      expect(svc(p, "webserver").environment.PAPERLESS_TIKA_ENABLED).toBe("1");
      expect(svc(p, "gotenberg").command).toEqual(["gotenberg", "--chromium-disable-javascript=true", "--chromium-allow-list=file:///tmp/.*"]);
      expect(Object.keys(p.volumes).sort()).toEqual(["data", "media", "pgdata", "redisdata"]);
      expect(p.order.at(-1)).toBe("webserver");
    },
  },
  {
    file: "gitea.yml",
    check(p) {
      expect(svc(p, "server").image).toBe("docker.gitea.com/gitea:1.24.2");
      expect(published(p, "server")).toContain("0.0.0.0:222->22/tcp");
      expect(svc(p, "db").networks).toEqual([{ name: "gitea", aliases: [] }]);
      expect(svc(p, "server").dependsOn[0]).toMatchObject({ service: "db", condition: "service_started" });
    },
  },
  {
    file: "miniflux.yml",
    check(p) {
      expect(svc(p, "miniflux").dependsOn).toEqual([{ service: "db", condition: "service_healthy", required: true, restart: false }]);
      expect(svc(p, "db").healthcheck).toMatchObject({ test: ["CMD", "pg_isready", "-U", "miniflux"], intervalSeconds: 10, startPeriodSeconds: 30 });
      expect(published(p, "miniflux")).toEqual(["0.0.0.0:80->8080/tcp"]);
      expect(svc(p, "miniflux").environment.DATABASE_URL).toBe("postgres://miniflux:secret@db/miniflux?sslmode=disable");
    },
  },
  {
    file: "syncthing.yml",
    check(p) {
      const s = svc(p, "syncthing");
      expect(s.runtime).toMatchObject({ hostNetwork: true, hostname: "my-syncthing" });
      expect(s.healthcheck).toMatchObject({ test: ["CMD-SHELL", "curl -fkLsS -m 2 127.0.0.1:8384/rest/noauth/health | grep -o --color=never OK || exit 1"], intervalSeconds: 60, timeoutSeconds: 10 });
    },
  },
  {
    file: "frigate.yml",
    check(p) {
      const f = svc(p, "frigate");
      expect(f.runtime.shmSizeBytes).toBe(512 * MiB);
      expect(f.runtime.tmpfs).toEqual([{ target: "/tmp/cache", sizeBytes: 1_000_000_000 }]);
      expect(f.runtime.devices).toEqual(["/dev/bus/usb", "/dev/apex_0", "/dev/video11", "/dev/dri/renderD128"]);
      expect(f.runtime.stopGraceSeconds).toBe(30);
      expect(f.runtime.privileged).toBe(true);
      expect(published(p, "frigate")).toEqual(["0.0.0.0:8971->8971/tcp", "0.0.0.0:8554->8554/tcp", "0.0.0.0:8555->8555/tcp", "0.0.0.0:8555->8555/udp"]);
    },
  },
  {
    file: "grafana-prometheus.yml",
    check(p) {
      expect(svc(p, "prometheus").command).toContain("--storage.tsdb.retention.time=30d");
      expect(published(p, "prometheus")).toEqual(["127.0.0.1:9090->9090/tcp"]);
      expect(svc(p, "grafana").environment.GF_SECURITY_ADMIN_PASSWORD).toBe("admin");
      expect(svc(p, "grafana").networks).toEqual([{ name: "monitoring", aliases: ["dashboards"] }]);
      expect(svc(p, "grafana").runtime.user).toBe("472");
      expect(svc(p, "node-exporter").runtime.hostPid).toBe(true);
    },
  },
  {
    file: "mosquitto.yml",
    check(p) {
      const m = svc(p, "mosquitto");
      expect(m.runtime).toMatchObject({ user: "1883:1883", stopGraceSeconds: 10 });
      expect(m.healthcheck).toMatchObject({ test: ["CMD", "mosquitto_sub", "-t", "$SYS/#", "-C", "1", "-i", "healthcheck", "-W", "3"] });
      expect(published(p, "mosquitto")).toEqual(["0.0.0.0:1883->1883/tcp", "0.0.0.0:9001->9001/tcp"]);
    },
  },
  {
    file: "anchors-and-extensions.yml",
    check(p, warnings) {
      expect(Object.keys(p.services).sort()).toEqual(["api", "cache", "worker"]);
      expect(svc(p, "api").runtime).toEqual({ memoryBytes: 256 * MiB, cpus: 0.5, logging: { driver: "json-file", options: { "max-size": "10m", "max-file": "3" } } });
      expect(svc(p, "api").restart.policy).toBe("unless-stopped");
      expect(svc(p, "worker").runtime.memoryBytes).toBe(512 * MiB); // overrides the merged limit
      expect(svc(p, "worker").environment).toEqual({ TZ: "Europe/Berlin", LOG_LEVEL: "debug", QUEUE: "default" });
      expect(svc(p, "cache").runtime.logging?.driver).toBe("json-file");
      expect(warnings).toEqual([]);
    },
  },
  {
    file: "interpolation.yml",
    env: { DOMAIN: "home.example.org", EMPTY: "", ENABLE_TLS: "yes", FALLBACK_PORT: "9000" },
    check(p) {
      const w = svc(p, "web");
      expect(w.image).toBe("docker.io/library/nginx:1.27-alpine");
      expect(published(p, "web")).toEqual(["127.0.0.1:8080->80/tcp"]);
      expect(w.environment).toEqual({
        SITE_URL: "https://home.example.org",
        UPSTREAM: "backend:9000",
        EMPTY_KEPT: "",
        EMPTY_REPLACED: "replaced",
        TLS_FLAG: "--tls",
        PRICE: "costs $5",
        NUMBER: "4",
      });
      expect(w.runtime).toMatchObject({ memoryBytes: 128 * MiB, readOnly: true });
      expect(w.command).toEqual(["nginx", "-g", "daemon off; worker_processes 4;"]);
    },
  },
];

const BROKEN: BrokenCase[] = [
  { file: "broken-yaml-syntax.yml", errors: [{ path: "services.web.environment.GREETING", line: 7, message: /^YAML syntax error: Nested mappings are not allowed/ }] },
  { file: "broken-duplicate-key.yml", errors: [{ path: "services.app.environment", line: 8, message: /appears twice/ }] },
  { file: "broken-unknown-key.yml", errors: [{ path: "services.db.enviroment", line: 4, message: /"enviroment" is not a service key in the Compose specification \(did you mean environment\?\)/ }] },
  {
    file: "broken-build-only.yml",
    errors: [
      { path: "services.app.build", line: 3, message: /^Homeport deploys images; build and push the image first/ },
      { path: "services.app", line: 2, message: /^image is required/ },
    ],
  },
  { file: "broken-ports-map.yml", errors: [{ path: "services.web.ports", line: 4, message: /^must be a list$/ }] },
  { file: "broken-bad-port.yml", errors: [{ path: "services.web.ports[1]", line: 12, message: /^"80800:80" is not a port: 80800 is out of range/ }] },
  { file: "broken-unknown-dependency.yml", errors: [{ path: "services.app.depends_on.databse", line: 5, message: /depends on "databse", which is not a service/ }] },
  { file: "broken-dependency-cycle.yml", errors: [{ path: "services.queue.depends_on[0]", line: 13, message: /^dependency cycle: api → worker → queue → api$/ }] },
  { file: "broken-missing-variable.yml", errors: [{ path: "services.db.environment.POSTGRES_PASSWORD", line: 6, message: /^required variable DB_PASSWORD is missing a value: set it$/ }] },
  { file: "broken-missing-variable.yml", env: { DB_PASSWORD: "" }, errors: [{ path: "services.db.environment.POSTGRES_PASSWORD", line: 6, message: /missing a value/ }] },
  { file: "broken-relative-bind.yml", errors: [{ path: "services.app.volumes[1]", line: 6, message: /^"\.\/data" is a relative path: use an absolute path under a folder the host allows/ }] },
  { file: "broken-undeclared-volume.yml", errors: [{ path: "services.db.volumes[0]", line: 5, message: /named volume "pgdata" is not declared/ }] },
  { file: "broken-bad-memory.yml", errors: [{ path: "services.app.deploy.resources.limits.memory", line: 8, message: /^"512 megs" is not a size/ }] },
  {
    file: "broken-secrets.yml",
    errors: [
      { path: "secrets", line: 8, message: /^Compose secrets are not supported/ },
      { path: "services.db.secrets", line: 6, message: /^Compose secrets are not supported/ },
    ],
  },
  {
    file: "broken-configs.yml",
    errors: [
      { path: "configs", line: 7, message: /^Compose configs are not supported/ },
      { path: "services.proxy.configs", line: 4, message: /^Compose configs are not supported/ },
    ],
  },
  { file: "broken-network-mode-service.yml", errors: [{ path: "services.qbittorrent.network_mode", line: 8, message: /sharing another container's network is not supported/ }] },
  { file: "broken-wrong-type.yml", errors: [{ path: "services.web.environment", line: 4, message: /^must be a map or a list$/ }] },
  { file: "broken-security-opt-unconfined.yml", errors: [{ path: "services.webtop.security_opt[0]", line: 6, message: /^"seccomp:unconfined": seccomp:unconfined weakens the sandbox/ }] },
  { file: "broken-external-network.yml", errors: [{ path: "networks.proxy.external", line: 8, message: /^external networks are not supported/ }] },
];

describe("Compose validation table: valid files", () => {
  it.each(VALID)("$file parses", ({ file, env, check }) => {
    const r = parse(file, env);
    if (!r.ok) throw new Error(`${file}:\n${r.errors.map(formatComposeIssue).join("\n")}`);
    check(r.project, r.warnings);
  });
});

describe("Compose validation table: broken files", () => {
  it.each(BROKEN)("$file is refused at the right key and line", ({ file, env, errors }) => {
    const r = parse(file, env);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.path} @ line ${e.line}`)).toEqual(errors.map((e) => `${e.path} @ line ${e.line}`));
    r.errors.forEach((e, i) => expect(e.message).toMatch(errors[i]!.message));
  });

  it("shows the brief's own example the way a user reads it", () => {
    const r = parse("broken-bad-port.yml");
    expect(r.ok ? "" : formatComposeIssue(r.errors[0]!)).toBe('services.web.ports[1]: "80800:80" is not a port: 80800 is out of range (1-65535) (line 12, column 9)');
  });
});

describe("Compose validation table: the fixtures", () => {
  it("every fixture file is in the table, and the table has enough of each kind", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".yml")).sort();
    const covered = new Set([...VALID, ...BROKEN].map((c) => c.file));
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
    expect(new Set(VALID.map((c) => c.file)).size).toBeGreaterThanOrEqual(18);
    expect(new Set(BROKEN.map((c) => c.file)).size).toBeGreaterThanOrEqual(12);
    expect(files.length).toBeGreaterThanOrEqual(30);
  });
});
