// A Compose service's process and sandbox keys homelab files use (tty, stdin_open, stop_signal,
// group_add, ulimits, security_opt, sysctls, pull_policy) into the runtime draft, or refused with why.
import { SysctlsSchema, UlimitNameSchema } from "@/lib/inventory/runtime";
import { entries, isRecord, scalarString, type Reporter } from "./context";
import { show, type KeyPath } from "./issues";
import type { RuntimeDraft } from "./runtime-fields";
import { parseInteger } from "./units";

type Item = { value: unknown; path: KeyPath };

/** `TERM`, `sigquit`, `SIGRTMIN+3` or `3` as Docker spells it: upper case with SIG, or the number. */
export function canonicalSignal(value: unknown): string | null {
  const s = scalarString(value)?.trim().toUpperCase();
  if (!s) return null;
  return /^\d+$/.test(s) || s.startsWith("SIG") ? s : `SIG${s}`;
}

function stopSignal(d: RuntimeDraft, value: unknown, path: KeyPath, r: Reporter): void {
  if (value === undefined || value === null) return;
  const s = canonicalSignal(value);
  if (s === null) r.error(path, `${show(value)} is not a signal (e.g. SIGTERM, SIGQUIT or SIGINT)`);
  else d.set("stopSignal", s, path);
}

const groups = (value: unknown, base: KeyPath): Item[] =>
  (Array.isArray(value) ? value : []).map((g, i) => ({ value: scalarString(g) ?? "", path: [...base, i] }));

const ULIMIT_NAMES: readonly string[] = UlimitNameSchema.options;

/** `nofile: 65535` (soft and hard alike) or `nofile: { soft: 1024, hard: 65535 }`; -1 is unlimited. */
function ulimits(value: unknown, base: KeyPath, r: Reporter): Item[] {
  const out: Item[] = [];
  for (const [name, v] of entries(value)) {
    const path = [...base, name];
    if (!ULIMIT_NAMES.includes(name)) {
      r.error(path, `${show(name)} is not a limit Docker sets (${ULIMIT_NAMES.join(", ")})`, "key");
      continue;
    }
    const soft = parseInteger(isRecord(v) ? v.soft : v);
    const hard = parseInteger(isRecord(v) ? v.hard : v);
    if (soft === null || hard === null) r.error(path, `${show(v)} is not a limit: a whole number, -1 for unlimited, or { soft, hard }`);
    else out.push({ value: { name, soft, hard }, path });
  }
  return out;
}

/** Why each security_opt other than no-new-privileges is refused. */
function securityOptRefusal(opt: string): string {
  const [kind = "", setting = ""] = opt.split(/[:=]/, 2);
  if (setting === "unconfined" || setting === "disable") {
    return `${kind}:${setting} weakens the sandbox that keeps the container from the host and is not supported`;
  }
  if (kind === "seccomp" || kind === "apparmor" || kind === "label") return `custom ${kind} settings are not supported (the engine's default profile applies)`;
  return "not supported: only no-new-privileges is";
}

/** `no-new-privileges`, `no-new-privileges:true` (or =true, :false); anything else is refused with why. */
function securityOpt(d: RuntimeDraft, value: unknown, base: KeyPath, r: Reporter): void {
  (Array.isArray(value) ? value : []).forEach((item, i) => {
    const opt = (scalarString(item) ?? "").trim();
    const m = /^no-new-privileges(?:[:=](true|false))?$/.exec(opt);
    if (m) {
      if (m[1] !== "false") d.set("noNewPrivileges", true, [...base, i]);
    } else r.error([...base, i], `${show(opt)}: ${securityOptRefusal(opt)}`);
  });
}

/** A list (`net.core.somaxconn=1024`) or a map; each entry checked where it is written. */
function sysctls(d: RuntimeDraft, value: unknown, base: KeyPath, hostNetwork: boolean, r: Reporter): void {
  if (value === undefined || value === null) return;
  const list = Array.isArray(value)
    ? value.map((item, i) => {
        const s = scalarString(item) ?? "";
        const eq = s.indexOf("=");
        return { key: eq < 0 ? s : s.slice(0, eq), value: eq < 0 ? null : s.slice(eq + 1), path: [...base, i] as KeyPath };
      })
    : entries(value).map(([k, v]) => ({ key: k, value: scalarString(v), path: [...base, k] as KeyPath }));
  const out: Record<string, string> = {};
  for (const e of list) {
    const key = e.key.trim();
    if (e.value === null || e.value.trim() === "") {
      r.error(e.path, `${show(key)} needs a value`);
    } else if (hostNetwork && key.startsWith("net.")) {
      r.error(e.path, `${show(key)}: net.* sysctls would change the host's network (Docker refuses them with network_mode: host)`);
    } else {
      const one = SysctlsSchema.safeParse({ [key]: e.value.trim() });
      if (one.success) out[key] = e.value.trim();
      else r.error(e.path, `${show(key)}: ${one.error.issues[0]?.message ?? "not a sysctl"}`);
    }
  }
  if (Object.keys(out).length > 0) d.set("sysctls", out, base);
}

const PULL_POLICIES = new Set(["missing", "if_not_present", "always", "never"]);

/** pull_policy has no runtime field: the usual ones are accepted with what Homeport does instead. */
function pullPolicy(value: unknown, path: KeyPath, r: Reporter): void {
  if (value === undefined || value === null) return;
  const p = scalarString(value) ?? "";
  if (PULL_POLICIES.has(p)) {
    r.warn(path, `${p} is not applied: Homeport pulls the image when the host does not have it, or on every apply you ask to pull`);
  } else if (p === "build") {
    r.error(path, "Homeport deploys images; build and push the image first, then name it in image:");
  } else {
    r.error(path, `${show(p)}: scheduled pulls are not supported; Homeport pulls the image when the host does not have it, or on an apply you ask to pull`);
  }
}

/** Adds these keys' runtime fields to the draft (booleans tty and stdin_open are the caller's). */
export function normaliseProcessOptions(d: RuntimeDraft, svc: Record<string, unknown>, base: KeyPath, r: Reporter): void {
  stopSignal(d, svc.stop_signal, [...base, "stop_signal"], r);
  d.list("groupAdd", groups(svc.group_add, [...base, "group_add"]), [...base, "group_add"]);
  d.list("ulimits", ulimits(svc.ulimits, [...base, "ulimits"], r), [...base, "ulimits"]);
  securityOpt(d, svc.security_opt, [...base, "security_opt"], r);
  sysctls(d, svc.sysctls, [...base, "sysctls"], svc.network_mode === "host", r);
  pullPolicy(svc.pull_policy, [...base, "pull_policy"], r);
}
