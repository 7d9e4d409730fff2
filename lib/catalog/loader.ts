// Finding and loading templates: the built-in `catalog/` of the repository (beside the running
// server, process cwd), then the user's `catalog/` folder beside the database (created on demand)
// and the folder named by HOMEPORT_CATALOG_DIR; a later folder's template replaces an earlier one of
// the same id. A folder that does not load is reported as broken with the reason, never thrown.
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { getConfig } from "@/lib/config";
import { databaseFileFromUrl } from "@/lib/db";
import { MAX_COMPOSE_BYTES } from "@/lib/stacks/schemas";
import { checkIcon } from "./icon";
import { TemplateSchema, TEMPLATE_ID_PATTERN, type BrokenTemplate, type CatalogSource, type Template } from "./schemas";
import { validateTemplate } from "./validate";

export const CATALOG_DIR_ENV = "HOMEPORT_CATALOG_DIR";
export const MAX_TEMPLATE_BYTES = 64 * 1024;
export const MAX_TEMPLATES_PER_DIR = 500;

export interface CatalogDir {
  path: string;
  source: CatalogSource;
  /** Created when missing (the user's folder beside the database). */
  create?: boolean;
}

export interface LoadedTemplate {
  template: Template;
  compose: string;
  /** The checked SVG, or null when the template has none. */
  icon: string | null;
  source: CatalogSource;
  dir: string;
}

export interface LoadedCatalog {
  apps: LoadedTemplate[];
  broken: BrokenTemplate[];
}

/** Where templates are read from, in override order. */
export function catalogDirs(env: NodeJS.ProcessEnv = process.env): CatalogDir[] {
  const dirs: CatalogDir[] = [
    { path: resolve(/*turbopackIgnore: true*/ process.cwd(), "catalog"), source: "builtin" },
    { path: join(dirname(databaseFileFromUrl(getConfig().databaseUrl)), "catalog"), source: "user", create: true },
  ];
  const extra = env[CATALOG_DIR_ENV]?.trim();
  if (extra) dirs.push({ path: resolve(/*turbopackIgnore: true*/ extra), source: "user" });
  return dirs;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function readCapped(path: string, max: number, what: string): string {
  const st = statSync(path);
  if (!st.isFile()) throw new Error(`${what} is not a file`);
  if (st.size > max) throw new Error(`${what} is larger than ${Math.round(max / 1024)} KiB`);
  return readFileSync(path, "utf8");
}

/** One template folder, or the reason it does not load. */
export function loadTemplateDir(dir: string, id: string, source: CatalogSource): LoadedTemplate | BrokenTemplate {
  const broken = (message: string): BrokenTemplate => ({ id, source, message });
  if (!TEMPLATE_ID_PATTERN.test(id)) return broken("the folder name is not a template id (lower-case letters, digits and hyphens, at most 40)");
  let raw: unknown;
  let compose: string;
  try {
    raw = parseYaml(readCapped(join(dir, "template.yaml"), MAX_TEMPLATE_BYTES, "template.yaml"), { maxAliasCount: 10 });
    compose = readCapped(join(dir, "compose.yaml"), MAX_COMPOSE_BYTES, "compose.yaml");
  } catch (err) {
    const code = (err as { code?: string }).code;
    return broken(code === "ENOENT" ? `missing ${String((err as { path?: string }).path ?? "").split("/").pop()}` : `cannot be read: ${errorText(err)}`);
  }
  const parsed = TemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return broken(`template.yaml: ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}${parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : ""}`);
  }
  const template = parsed.data;
  if (template.id !== id) return broken(`template.yaml: id "${template.id}" differs from the folder name`);
  let icon: string | null = null;
  if (template.icon) {
    try {
      const r = checkIcon(readFileSync(join(dir, template.icon)));
      if (!r.ok) return broken(`${template.icon}: ${r.reason}`);
      icon = r.svg;
    } catch (err) {
      return broken(`${template.icon} cannot be read: ${errorText(err)}`);
    }
  }
  const problems = validateTemplate(template, compose);
  if (problems.length) return broken(problems.length === 1 ? problems[0]! : `${problems[0]!} (and ${problems.length - 1} more: ${problems.slice(1, 4).join("; ")})`);
  return { template, compose, icon, source, dir };
}

function folders(dir: CatalogDir): string[] {
  try {
    if (dir.create) mkdirSync(dir.path, { recursive: true });
    return readdirSync(dir.path, { withFileTypes: true })
      .filter((e) => !e.name.startsWith(".") && (e.isDirectory() || e.isSymbolicLink()))
      .map((e) => e.name)
      .sort()
      .slice(0, MAX_TEMPLATES_PER_DIR);
  } catch {
    return []; // a folder that is not there (yet) holds no templates
  }
}

/** A fingerprint of every file the catalog reads: the cache is reused while it is unchanged. */
function signature(dirs: CatalogDir[]): string {
  const parts: string[] = [];
  for (const d of dirs) {
    for (const name of folders(d)) {
      const base = join(d.path, name);
      try {
        for (const f of readdirSync(base)) {
          const st = statSync(join(base, f));
          parts.push(`${base}/${f}:${st.size}:${st.mtimeMs}`);
        }
      } catch {
        parts.push(`${base}:unreadable`);
      }
    }
  }
  return parts.join("|");
}

let cache: { key: string; catalog: LoadedCatalog } | null = null;

export function loadCatalog(dirs: CatalogDir[] = catalogDirs()): LoadedCatalog {
  const key = `${JSON.stringify(dirs)}#${signature(dirs)}`;
  if (cache?.key === key) return cache.catalog;
  const apps = new Map<string, LoadedTemplate>();
  const broken: BrokenTemplate[] = [];
  for (const d of dirs) {
    for (const name of folders(d)) {
      const r = loadTemplateDir(join(d.path, name), name, d.source);
      if ("template" in r) apps.set(name, r);
      else broken.push(r);
    }
  }
  const catalog = { apps: [...apps.values()].sort((a, b) => a.template.name.localeCompare(b.template.name)), broken };
  cache = { key, catalog };
  return catalog;
}

export function findTemplate(id: string, dirs?: CatalogDir[]): LoadedTemplate | null {
  return loadCatalog(dirs).apps.find((a) => a.template.id === id) ?? null;
}
