// Rendering a template for one install: the values checked against each variable's type (defaults
// filled, empty generated passwords given crypto-random values), the stack's .env written from them,
// and the Compose document adjusted for the chosen egress (every network's `internal` flag) and the
// host's GPU policy. Pure apart from the random source.
import { randomInt } from "node:crypto";
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from "yaml";
import type { FieldIssue } from "@/lib/errors";
import { MAX_VALUE_CHARS, type Template, type TemplateVariable } from "./schemas";

export const GENERATED_PASSWORD_LENGTH = 32;
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

export type InstallValue = string | number | boolean;

/** A random password of letters and digits (no look-alikes), from the OS's CSPRNG. */
export function generatePassword(length = GENERATED_PASSWORD_LENGTH): string {
  let out = "";
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

const asText = (v: InstallValue | undefined): string => (v === undefined ? "" : typeof v === "string" ? v : String(v));

/** One variable's value as the .env will hold it, or why it is refused. */
export function checkValue(v: TemplateVariable, raw: string): { ok: true; value: string } | { ok: false; message: string } {
  if (raw.length > MAX_VALUE_CHARS) return { ok: false, message: `at most ${MAX_VALUE_CHARS} characters` };
  if (/[\r\n\0]/.test(raw)) return { ok: false, message: "a single line, without control characters" };
  switch (v.type) {
    case "port": {
      const n = Number(raw);
      return /^\d+$/.test(raw) && n >= 1 && n <= 65535 ? { ok: true, value: String(n) } : { ok: false, message: "a port number from 1 to 65535" };
    }
    case "number":
      return raw.trim() !== "" && Number.isFinite(Number(raw)) ? { ok: true, value: raw.trim() } : { ok: false, message: "a number" };
    case "boolean":
      return raw === "true" || raw === "false" ? { ok: true, value: raw } : { ok: false, message: "true or false" };
    case "enum":
      return v.options!.includes(raw) ? { ok: true, value: raw } : { ok: false, message: `one of ${v.options!.join(", ")}` };
    case "path":
      if (!raw.startsWith("/")) return { ok: false, message: "an absolute path (starting with /)" };
      if (raw.split("/").some((s) => s === "..")) return { ok: false, message: "a path without .. segments" };
      return { ok: true, value: raw };
    case "password":
      if (v.generate && raw.length > 0 && raw.length < 8) return { ok: false, message: "at least 8 characters (or leave it empty for a random one)" };
      return { ok: true, value: raw };
    default:
      return { ok: true, value: raw };
  }
}

export interface ResolvedValues {
  values: Record<string, string>;
  /** Names whose value was generated. */
  generated: string[];
  issues: FieldIssue[];
}

/**
 * Each variable's value: the one given, else its default, else a generated password; unknown names
 * and bad values are issues keyed `values.<NAME>`. `placeholders` stands in for generated values
 * (validation and plans do not need real secrets).
 */
export function resolveValues(t: Template, given: Record<string, InstallValue>, opts: { placeholders?: boolean } = {}): ResolvedValues {
  const issues: FieldIssue[] = [];
  const values: Record<string, string> = {};
  const generated: string[] = [];
  const known = new Set(t.variables.map((v) => v.name));
  for (const name of Object.keys(given)) if (!known.has(name)) issues.push({ path: `values.${name}`, message: "not a variable of this template" });
  for (const v of t.variables) {
    let raw = asText(Object.hasOwn(given, v.name) ? given[v.name] : undefined);
    if (raw === "" && v.default !== undefined) raw = asText(v.default);
    if (raw === "" && v.type === "password" && v.generate) {
      generated.push(v.name);
      values[v.name] = opts.placeholders ? "x".repeat(GENERATED_PASSWORD_LENGTH) : generatePassword();
      continue;
    }
    if (raw === "") {
      if (v.required) issues.push({ path: `values.${v.name}`, message: "required" });
      else values[v.name] = "";
      continue;
    }
    const r = checkValue(v, raw);
    if (r.ok) values[v.name] = r.value;
    else issues.push({ path: `values.${v.name}`, message: r.message });
  }
  return { values, generated, issues };
}

/** One .env line that parseEnvFile reads back to exactly `value`. */
export function envLine(name: string, value: string): string {
  if (/^[A-Za-z0-9_./:@+,=-]*$/.test(value)) return `${name}=${value}`;
  if (!value.includes("'")) return `${name}='${value}'`;
  return `${name}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$/g, "$$$$")}"`;
}

export function envText(t: Template, values: Record<string, string>): string {
  return t.variables.filter((v) => Object.hasOwn(values, v.name)).map((v) => envLine(v.name, values[v.name]!)).join("\n") + "\n";
}

function mapAt(doc: Document, key: string): YAMLMap | null {
  const node = doc.get(key, true);
  return isMap(node) ? node : null;
}

/** Whether a service joins the stack's default network (no `networks:` and no `network_mode:`, or `default` named). */
function servicesOnDefault(services: YAMLMap): boolean {
  return services.items.some((item) => {
    const svc = item.value;
    if (!isMap(svc)) return false;
    if (svc.has("network_mode")) return false;
    const nets = svc.get("networks", true);
    if (nets === undefined || nets === null) return true;
    if (isMap(nets)) return nets.has("default");
    return isSeq(nets) && nets.items.some((n) => isScalar(n) && n.value === "default");
  });
}

/**
 * The Compose text for one install. offline: every network (the stack's default one too) is made
 * `internal: true`, so no service has a route out. open: networks the template wrote as internal
 * stay so when the template's own default is open (an internal back-end network), and are opened
 * when the template's default was offline. `gpus`: the template's gpuServices (all when it names
 * none) ask for the host's GPUs.
 */
export function renderCompose(t: Template, compose: string, opts: { egress: "open" | "offline"; gpus: boolean }): string {
  const doc = parseDocument(compose);
  if (doc.errors.length) return compose; // the stacks' own parser reports it with lines
  const services = mapAt(doc, "services");
  if (!services) return compose;
  if (opts.egress === "offline" && servicesOnDefault(services)) {
    if (!doc.has("networks") || !isMap(doc.get("networks", true))) doc.set("networks", doc.createNode({}));
    const nets = mapAt(doc, "networks")!;
    if (!nets.has("default")) nets.set("default", doc.createNode({ internal: true }));
  }
  const nets = mapAt(doc, "networks");
  for (const item of nets?.items ?? []) {
    const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
    let net = item.value;
    if (!isMap(net)) {
      net = doc.createNode({});
      nets!.set(name, net);
    }
    const m = net as YAMLMap;
    if (opts.egress === "offline") m.set("internal", true);
    else if (t.egress === "offline") m.delete("internal");
  }
  if (opts.gpus) {
    for (const item of services.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (t.gpuServices && !t.gpuServices.includes(key)) continue;
      if (isMap(item.value) && !item.value.has("gpus")) item.value.set("gpus", "all");
    }
  }
  return doc.toString({ lineWidth: 0 });
}

export interface RenderedInstall {
  compose: string;
  env: string;
  values: Record<string, string>;
  generated: string[];
  issues: FieldIssue[];
}

export function renderInstall(
  t: Template,
  compose: string,
  input: { values: Record<string, InstallValue>; egress?: "open" | "offline"; gpus: boolean },
  opts: { placeholders?: boolean } = {},
): RenderedInstall {
  const r = resolveValues(t, input.values, opts);
  return {
    compose: renderCompose(t, compose, { egress: input.egress ?? t.egress, gpus: input.gpus }),
    env: envText(t, r.values),
    values: r.values,
    generated: r.generated,
    issues: r.issues,
  };
}
