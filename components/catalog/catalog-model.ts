// The catalog pages' pure logic: filtering the grid, ordering hosts, the install form's values
// (form text in, typed API values out) and the API's 422 issues keyed by field.
import type { CatalogAppSummary, CatalogVariable, HostOption, InstallRequest } from "./catalog-types";

export const CATEGORY_LABEL: Record<string, string> = {
  development: "Development",
  passwords: "Passwords",
  media: "Media",
  home: "Home",
  network: "Network",
  files: "Files",
  photos: "Photos",
  ai: "Local AI",
  monitoring: "Monitoring",
  infrastructure: "Infrastructure",
  communication: "Communication",
};

export const categoryLabel = (c: string): string => CATEGORY_LABEL[c] ?? c.charAt(0).toUpperCase() + c.slice(1);

/** The categories present, with how many apps each holds, in label order. */
export function categoriesOf(apps: CatalogAppSummary[]): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const a of apps) counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => categoryLabel(a.category).localeCompare(categoryLabel(b.category)));
}

/** Apps matching the search (name, description, id, category, images) and the chosen category (null: all). */
export function filterApps(apps: CatalogAppSummary[], query: string, category: string | null): CatalogAppSummary[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return apps.filter((a) => {
    if (category && a.category !== category) return false;
    const hay = [a.name, a.description, a.id, a.category, categoryLabel(a.category), ...a.images].join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Connected hosts first, then by name. */
export function sortHosts(hosts: HostOption[]): HostOption[] {
  return [...hosts].sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));
}

/** A free stack name for the app: its id, or id-2, id-3… when taken by an installed copy. */
export function suggestStackName(appId: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(appId)) return appId;
  for (let i = 2; ; i++) if (!used.has(`${appId}-${i}`)) return `${appId}-${i}`;
}

export type FormValues = Record<string, string>;

/** The form's starting text per variable: its default; generated passwords start empty. */
export function initialValues(vars: CatalogVariable[]): FormValues {
  const out: FormValues = {};
  for (const v of vars) {
    if (v.type === "boolean") out[v.name] = v.default === true || v.default === "true" ? "true" : "false";
    else if (v.type === "enum") out[v.name] = v.default != null ? String(v.default) : (v.options?.[0] ?? "");
    else out[v.name] = v.default != null && !(v.type === "password" && v.generate) ? String(v.default) : "";
  }
  return out;
}

export const isRequired = (v: CatalogVariable): boolean => v.required !== false && !(v.type === "password" && v.generate) && v.type !== "boolean";

/**
 * The values the API is sent: numbers and ports as numbers (text that is not a number is sent
 * as typed, for the server to name), booleans as booleans; empty fields are left out so the
 * server applies defaults and generates passwords.
 */
export function toRequestValues(vars: CatalogVariable[], form: FormValues): InstallRequest["values"] {
  const out: InstallRequest["values"] = {};
  for (const v of vars) {
    const raw = form[v.name] ?? "";
    if (v.type === "boolean") {
      out[v.name] = raw === "true";
      continue;
    }
    const text = v.type === "password" ? raw : raw.trim();
    if (text === "") continue;
    out[v.name] = (v.type === "port" || v.type === "number") && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return out;
}

/** Required fields left empty, keyed by variable name (checked before asking the server). */
export function missingValues(vars: CatalogVariable[], form: FormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of vars) if (isRequired(v) && (form[v.name] ?? "").trim() === "") out[v.name] = "required";
  return out;
}

/**
 * The API's field issues keyed for the form: variables by name (the server may say
 * `values.NAME` or `NAME`), and stackName, hostId, hostname, exposure, egress as they are.
 */
export function errorsByField(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = (i.path.startsWith("values.") ? i.path.slice("values.".length) : i.path) || "_form";
    out[key] ??= i.message;
  }
  return out;
}

/** The field a 409 is about, from its wording ("…; choose another hostname"), or null. */
export function conflictField(message: string): "stackName" | "hostname" | null {
  if (/choose another hostname/i.test(message)) return "hostname";
  if (/choose another (stack )?name/i.test(message)) return "stackName";
  return null;
}

/** A password of the length the server generates, from the browser's crypto randomness (no modulo bias). */
export function randomPassword(length = 32): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < limit && out.length < length) out += alphabet[b % alphabet.length];
  }
  return out;
}
