// The built-in catalog (catalog/<id>/): every folder loads through the catalog's own loader (schema,
// icon sanitiser, the stacks' validator for both egresses, route/check/backup references), renders
// with its defaults into a stack that validates, pins its images, generates every secret, keeps its
// default host ports off Homeport's and each other's, and fences the local-AI apps. The same checks
// run on broken copies, so a bad template added later fails here.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkIcon, loadCatalog, loadTemplateDir, renderInstall, type LoadedTemplate } from "@/lib/catalog";
import { loadStack, validateStackFile } from "@/lib/stacks";

const CATALOG = resolve(__dirname, "../../catalog");
/** The apps issue #15 asks the catalog to offer. */
const REQUIRED = ["forgejo", "vaultwarden", "jellyfin", "home-assistant", "pihole", "adguard-home", "nextcloud", "immich", "ollama", "open-webui", "ntfy", "uptime-status", "registry-mirror"];
const HOMEPORT_PORT = 3000;
/** DNS servers are only useful on 53, so the two DNS apps share it (one per host; their notes say so). */
const SHARED_PORTS = new Set([53]);
const SECRET_KEY = /pass|secret|token|key/i;

const folders = readdirSync(CATALOG, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

function load(dir: string, id: string): LoadedTemplate {
  const r = loadTemplateDir(dir, id, "builtin");
  if (!("template" in r)) throw new Error(`${id} is broken: ${r.message}`);
  return r;
}

/** What an install with every default would deploy. */
function renderDefaults(t: LoadedTemplate) {
  const r = renderInstall(t.template, t.compose, { values: {}, gpus: false });
  expect(r.issues, `${t.template.id}: the defaults do not fill every variable`).toEqual([]);
  const loaded = loadStack({ name: t.template.id, compose: r.compose, env: r.env });
  if (!loaded.ok) throw new Error(`${t.template.id}: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  return { ...r, loaded };
}

/** Problems of one image reference: unpinned (no tag or digest) or following `latest`. */
function pinProblem(image: string): string | null {
  const digest = image.includes("@sha256:");
  const name = image.split("@")[0]!;
  const last = name.slice(name.lastIndexOf("/") + 1);
  const tag = last.includes(":") ? last.slice(last.indexOf(":") + 1) : null;
  if (tag === null && !digest) return `${image} has no tag`;
  if (tag === "latest") return `${image} follows latest`;
  return null;
}

/** A template's own problems beyond loading: pins, secrets, ports. Shared by the real and the broken ones. */
function policyProblems(t: LoadedTemplate): string[] {
  const out: string[] = [];
  const { loaded, values } = renderDefaults(t);
  for (const s of loaded.services) {
    const p = pinProblem(s.image);
    if (p) out.push(`service ${s.key}: ${p}`);
  }
  const passwords = new Set(t.template.variables.filter((v) => v.type === "password").map((v) => v.name));
  for (const v of t.template.variables) {
    if (v.type === "password" && (!v.generate || v.default !== undefined)) out.push(`${v.name}: a password variable must be generated and have no default`);
    if (v.type !== "password" && SECRET_KEY.test(v.name) && !/PORT$/.test(v.name)) out.push(`${v.name}: looks like a secret but is a ${v.type}`);
  }
  const raw = parseYaml(t.compose) as { services: Record<string, { environment?: Record<string, unknown> | string[] }> };
  for (const [key, svc] of Object.entries(raw.services)) {
    const env = Array.isArray(svc.environment)
      ? Object.fromEntries(svc.environment.map((e) => [e.split("=")[0]!, e.slice(e.indexOf("=") + 1)]))
      : (svc.environment ?? {});
    for (const [name, value] of Object.entries(env)) {
      if (!SECRET_KEY.test(name) || /_(FILE|URL|HOST|PORT|USER)$/.test(name)) continue;
      const ref = /^\$\{([A-Z][A-Z0-9_]*)\}$/.exec(String(value));
      if (!ref || !passwords.has(ref[1]!)) out.push(`service ${key}: ${name} is not taken from a generated password variable (${JSON.stringify(value)})`);
    }
  }
  // `${NAME:-x}` in compose.yaml must agree with the template's default (the form shows the latter).
  const declared = new Map(t.template.variables.map((v) => [v.name, v.default === undefined ? undefined : String(v.default)]));
  for (const m of t.compose.matchAll(/\$\{([A-Z][A-Z0-9_]*):-([^}]*)\}/g)) {
    if (declared.get(m[1]!) !== m[2]) out.push(`compose.yaml's fallback for ${m[1]} (${m[2]}) differs from template.yaml's default (${declared.get(m[1]!)})`);
  }
  for (const s of loaded.services) {
    for (const p of s.ports) if (p.host === HOMEPORT_PORT) out.push(`service ${s.key} publishes host port ${HOMEPORT_PORT}, Homeport's own`);
  }
  void values;
  return out;
}

describe("the built-in catalog", () => {
  it("offers every app the issue asks for, one folder each", () => {
    for (const id of REQUIRED) expect(folders, `catalog/${id} is missing`).toContain(id);
  });

  it("lists every folder as an app and none as broken", () => {
    const catalog = loadCatalog([{ path: CATALOG, source: "builtin" }]);
    expect(catalog.broken).toEqual([]);
    expect(catalog.apps.map((a) => a.template.id).sort()).toEqual(folders);
  });

  describe.each(folders)("%s", (id) => {
    const dir = join(CATALOG, id);

    it("loads through the catalog loader with an id equal to its folder name", () => {
      const t = load(dir, id);
      expect(t.template.id).toBe(id);
      expect(t.icon, "every built-in template has an icon").not.toBeNull();
    });

    it("renders with its defaults into a stack that validates", () => {
      const t = load(dir, id);
      const { compose, env, generated } = renderDefaults(t);
      const v = validateStackFile({ name: id, compose, env });
      expect(v.errors).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.variables.filter((x) => !x.set).map((x) => x.name), "every variable compose.yaml uses is set").toEqual([]);
      const passwordVars = t.template.variables.filter((x) => x.type === "password").map((x) => x.name);
      expect(generated.sort()).toEqual(passwordVars.sort());
      for (const name of generated) expect(env).toMatch(new RegExp(`^${name}=[A-Za-z0-9]{32}$`, "m"));
    });

    it("pins its images, generates every secret and keeps its ports off Homeport's", () => {
      expect(policyProblems(load(dir, id))).toEqual([]);
    });

    it("has an icon the sanitiser accepts", () => {
      const t = load(dir, id);
      const file = readFileSync(join(dir, t.template.icon!));
      expect(checkIcon(file)).toMatchObject({ ok: true });
    });

    it("names real services, published ports and named volumes in its route, checks and backup", () => {
      const t = load(dir, id);
      const { loaded } = renderDefaults(t);
      const byKey = new Map(loaded.services.map((s) => [s.key, s]));
      expect(t.template.route, "every built-in app has a web UI or API to route to").toBeDefined();
      const route = t.template.route!;
      expect(byKey.get(route.service)?.ports.some((p) => p.container === route.port && p.host !== undefined)).toBe(true);
      expect(t.template.checks.length).toBeGreaterThan(0);
      for (const c of t.template.checks) expect(byKey.get(c.service)?.ports.some((p) => p.container === c.port)).toBe(true);
      expect(t.template.backup.length).toBeGreaterThan(0);
      for (const b of t.template.backup) expect(Object.keys(loaded.project.volumes)).toContain(b.volume);
    });
  });

  it("has unique ids and default host ports that clash neither with Homeport nor with each other", () => {
    const all = folders.map((id) => load(join(CATALOG, id), id));
    const ids = all.map((t) => t.template.id);
    expect(new Set(ids).size).toBe(ids.length);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of all) {
      for (const s of renderDefaults(t).loaded.services) {
        for (const p of s.ports) {
          if (p.host === undefined || SHARED_PORTS.has(p.host)) continue;
          const key = `${p.host}/${p.protocol}`;
          const prev = owner.get(key);
          if (prev && prev !== t.template.id) clashes.push(`${key}: ${prev} and ${t.template.id}`);
          owner.set(key, t.template.id);
        }
      }
    }
    expect(clashes).toEqual([]);
    expect([...owner.keys()]).not.toContain(`${HOMEPORT_PORT}/tcp`);
  });

  it("fences local AI: Ollama and Open WebUI default to egress offline with every service on internal networks only", () => {
    for (const id of ["ollama", "open-webui"]) {
      const t = load(join(CATALOG, id), id);
      expect(t.template.egress).toBe("offline");
      expect(t.template.gpu).toBe("optional");
      const { loaded } = renderDefaults(t);
      for (const s of loaded.services) {
        expect(s.egress, `${id}/${s.key}`).toBe("offline");
        expect(s.networks.length).toBeGreaterThan(0);
        expect(s.networks.every((n) => n.internal)).toBe(true);
      }
    }
    const webui = renderDefaults(load(join(CATALOG, "open-webui"), "open-webui")).loaded.services.find((s) => s.key === "open-webui")!;
    expect(webui.env.OLLAMA_BASE_URL).toBe("http://ollama:11434");
    expect(webui.env).toMatchObject({ OFFLINE_MODE: "true", ENABLE_VERSION_UPDATE_CHECK: "false", ANONYMIZED_TELEMETRY: "false", HF_HUB_OFFLINE: "1" });
    const ollamaInWebui = renderDefaults(load(join(CATALOG, "open-webui"), "open-webui")).loaded.services.find((s) => s.key === "ollama")!;
    expect(ollamaInWebui.ports.filter((p) => p.host !== undefined), "Open WebUI's Ollama is reached over the stack network only").toEqual([]);
  });

  it("keeps the internet open for the apps whose job needs it, and switching local AI to open opens every network", () => {
    for (const id of ["registry-mirror", "immich", "pihole", "adguard-home", "uptime-status"]) {
      expect(load(join(CATALOG, id), id).template.egress, id).toBe("open");
    }
    const t = load(join(CATALOG, "ollama"), "ollama");
    const r = renderInstall(t.template, t.compose, { values: {}, egress: "open", gpus: false });
    const loaded = loadStack({ name: "ollama", compose: r.compose, env: r.env });
    expect(loaded.ok && loaded.services.every((s) => s.egress === "open")).toBe(true);
  });

  it("configures the registry mirror as a pull-through cache of Docker Hub, published on the LAN with a cache volume", () => {
    const t = load(join(CATALOG, "registry-mirror"), "registry-mirror");
    const registry = renderDefaults(t).loaded.services.find((s) => s.key === "registry")!;
    expect(registry.image).toBe("registry:2");
    expect(registry.env.REGISTRY_PROXY_REMOTEURL).toBe("https://registry-1.docker.io");
    expect(registry.ports).toContainEqual(expect.objectContaining({ container: 5000, host: 5000, hostIp: "0.0.0.0" }));
    expect(registry.volumes).toContainEqual(expect.objectContaining({ source: "registry-mirror_registry-cache", target: "/var/lib/registry" }));
    expect(t.template.notes).toMatch(/Settings/);
  });
});

describe("docs/CATALOG.md", () => {
  it("holds a complete example that loads as a template", () => {
    const doc = readFileSync(resolve(__dirname, "../../docs/CATALOG.md"), "utf8");
    const block = (file: string, lang: string) => {
      const m = new RegExp("`data/catalog/whoami/" + file.replace(".", "\\.") + "`:\\n\\n```" + lang + "\\n([\\s\\S]*?)```").exec(doc);
      if (!m) throw new Error(`docs/CATALOG.md has no ${file} block`);
      return m[1]!;
    };
    const dir = mkdtempSync(join(tmpdir(), "homeport-catalog-doc-"));
    try {
      const example = join(dir, "whoami");
      mkdirSync(example);
      writeFileSync(join(example, "compose.yaml"), block("compose.yaml", "yaml"));
      writeFileSync(join(example, "template.yaml"), block("template.yaml", "yaml"));
      writeFileSync(join(example, "icon.svg"), block("icon.svg", "svg"));
      const t = load(example, "whoami");
      expect(t.template.variables.map((v) => v.name)).toEqual(["WHOAMI_NAME", "WHOAMI_PORT", "WHOAMI_TOKEN"]);
      expect(policyProblems(t)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the checks catch a broken template", () => {
  const scratch = mkdtempSync(join(tmpdir(), "homeport-catalog-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A copy of a built-in template under another id (unless `keepId`) with one file edited. */
  function brokenCopy(from: string, id: string, file: string, edit: (text: string) => string, keepId = false): string {
    const dir = join(scratch, id);
    cpSync(join(CATALOG, from), dir, { recursive: true });
    const meta = join(dir, "template.yaml");
    if (!keepId) writeFileSync(meta, readFileSync(meta, "utf8").replace(`id: ${from}\n`, `id: ${id}\n`));
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, "utf8")));
    return dir;
  }

  it("refuses an image following latest or without a tag", () => {
    for (const [id, image] of [["vw-latest", "vaultwarden/server:latest"], ["vw-untagged", "vaultwarden/server"]] as const) {
      const dir = brokenCopy("vaultwarden", id, "compose.yaml", (s) => s.replace("vaultwarden/server:1.37.3", image));
      expect(policyProblems(load(dir, id))).toEqual([expect.stringContaining("vaultwarden/server")]);
    }
  });

  it("refuses a secret with a default value or written into compose.yaml", () => {
    const withDefault = load(brokenCopy("forgejo", "fj-default", "template.yaml", (s) => s.replace("    generate: true\n", "    generate: true\n    default: changeme\n")), "fj-default");
    expect(policyProblems(withDefault)).toContainEqual(expect.stringContaining("FORGEJO_DB_PASSWORD"));
    const inline = load(brokenCopy("forgejo", "fj-inline", "compose.yaml", (s) => s.replace("POSTGRES_PASSWORD: ${FORGEJO_DB_PASSWORD}", "POSTGRES_PASSWORD: changeme")), "fj-inline");
    expect(policyProblems(inline)).toContainEqual(expect.stringContaining("POSTGRES_PASSWORD"));
  });

  it("refuses a default host port on Homeport's 3000", () => {
    const dir = brokenCopy("forgejo", "fj-port", "template.yaml", (s) => s.replace("default: 3080", "default: 3000"));
    const fixed = join(dir, "compose.yaml");
    writeFileSync(fixed, readFileSync(fixed, "utf8").replace("FORGEJO_HTTP_PORT:-3080", "FORGEJO_HTTP_PORT:-3000"));
    expect(policyProblems(load(dir, "fj-port"))).toContainEqual(expect.stringContaining("3000"));
  });

  it("reports a route to a missing service, an unsafe icon or a mismatched id as broken", () => {
    const route = brokenCopy("ntfy", "ntfy-route", "template.yaml", (s) => s.replace("route:\n  service: ntfy", "route:\n  service: notify"));
    expect(loadTemplateDir(route, "ntfy-route", "builtin")).toMatchObject({ message: expect.stringContaining("notify") });
    const icon = brokenCopy("ntfy", "ntfy-icon", "icon.svg", (s) => s.replace("</svg>", "<script>alert(1)</script></svg>"));
    expect(loadTemplateDir(icon, "ntfy-icon", "builtin")).toMatchObject({ message: expect.stringContaining("script") });
    const misnamed = brokenCopy("ntfy", "ntfy-misnamed", "template.yaml", (s) => s, true);
    expect(loadTemplateDir(misnamed, "ntfy-misnamed", "builtin")).toMatchObject({ message: expect.stringContaining("differs from the folder name") });
  });
});
