// One Compose service's basic fields: command and entrypoint (argv), environment and env_file,
// healthcheck (Compose durations), restart policy, networks.
import { allEntries, entries, isRecord, scalarString, type NormaliseContext, type Reporter } from "./context";
import { show, type KeyPath } from "./issues";
import type { ComposeHealthcheck, ComposeNetworkRef, StackServiceDef } from "./schemas";
import { splitShellWords } from "./shell-words";
import { parseBool, parseDuration, parseInteger } from "./units";

/** The inventory's limits on a service's environment. */
export const MAX_ENV_VARIABLES = 200;
const MAX_ENV_VALUE = 8192;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
/** Docker's defaults when a healthcheck leaves them out. */
const HEALTH_DEFAULTS = { interval: 30, timeout: 30, retries: 3, startPeriod: 0 };

/** `command`/`entrypoint`: a string is split like a shell would (no expansion), a list is kept. */
export function argv(value: unknown, path: KeyPath, r: Reporter): string[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String);
  const split = splitShellWords(String(value));
  if (!split.ok) {
    r.error(path, split.message);
    return null;
  }
  return split.words;
}

function envFileAllowed(value: unknown, base: KeyPath, r: Reporter): boolean {
  const items = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  let ok = items.length > 0;
  items.forEach((item, i) => {
    const p = isRecord(item) ? item.path : item;
    if (p !== ".env" && p !== "./.env") {
      r.error(typeof value === "string" ? base : [...base, i], `${show(p)}: a stack has one env file, its .env (kept in Homeport, sealed); put these variables there`);
      ok = false;
    }
  });
  return ok;
}

export function normaliseEnvironment(svc: Record<string, unknown>, base: KeyPath, ctx: NormaliseContext): Record<string, string> {
  const env = new Map<string, { value: string; path: KeyPath }>();
  if (svc.env_file !== undefined && envFileAllowed(svc.env_file, [...base, "env_file"], ctx)) {
    for (const [k, v] of Object.entries(ctx.env)) env.set(k, { value: v, path: [...base, "env_file"] });
  }
  const fromStack = (key: string, path: KeyPath) => {
    if (Object.hasOwn(ctx.env, key)) env.set(key, { value: ctx.env[key]!, path });
    else ctx.warn(path, `${key} takes its value from the stack's .env, which does not set it; it is left unset`);
  };
  const value = svc.environment;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const s = String(item);
      const eq = s.indexOf("=");
      if (eq < 0) fromStack(s, [...base, "environment", i]);
      else env.set(s.slice(0, eq), { value: s.slice(eq + 1), path: [...base, "environment", i] });
    });
  } else {
    for (const [k, v] of Object.entries(isRecord(value) ? value : {})) {
      if (v === null) fromStack(k, [...base, "environment", k]);
      else env.set(k, { value: scalarString(v) ?? "", path: [...base, "environment", k] });
    }
  }
  for (const [k, { value: v, path }] of env) {
    if (!ENV_KEY.test(k)) ctx.error(path, `${show(k)} is not a variable name Homeport accepts (letters, digits and _, not starting with a digit)`);
    else if (v.length > MAX_ENV_VALUE) ctx.error(path, `the value of ${k} is longer than ${MAX_ENV_VALUE} characters`);
  }
  if (env.size > MAX_ENV_VARIABLES) ctx.error([...base, "environment"], `${env.size} variables; at most ${MAX_ENV_VARIABLES}`);
  return Object.fromEntries([...env].map(([k, v]) => [k, v.value]));
}

/** Seconds of a healthcheck duration, whole and within [min, max]; undefined when absent. */
function seconds(h: Record<string, unknown>, key: string, min: number, max: number, base: KeyPath, r: Reporter): number | undefined {
  if (h[key] === undefined) return undefined;
  const s = parseDuration(h[key]);
  if (s === null) {
    r.error([...base, key], `${show(h[key])} is not a duration (e.g. 30s, 1m30s)`);
    return undefined;
  }
  const whole = Math.max(min, Math.ceil(s));
  if (whole > max) {
    r.error([...base, key], `${show(h[key])} is longer than ${max} s`);
    return undefined;
  }
  if (whole !== s) r.warn([...base, key], `${show(h[key])} is rounded up to ${whole} s`);
  return whole;
}

export function normaliseHealthcheck(value: unknown, base: KeyPath, r: Reporter): ComposeHealthcheck | null {
  if (!isRecord(value)) return null;
  const disable = value.disable === undefined ? false : parseBool(value.disable);
  if (disable === null) r.error([...base, "disable"], `${show(value.disable)} is not true or false`);
  const t = value.test;
  const isNone = Array.isArray(t) && t[0] === "NONE";
  if (disable || isNone) {
    if (disable && t !== undefined && !isNone) r.error([...base, "test"], "a disabled healthcheck has no test (remove one of disable and test)");
    return { disabled: true };
  }
  let test: string[] | null = null;
  if (typeof t === "string") test = t.trim() === "" ? null : ["CMD-SHELL", t];
  else if (Array.isArray(t)) {
    const list = t.map(String);
    if (list[0] !== "CMD" && list[0] !== "CMD-SHELL") r.error([...base, "test"], `a test list starts with CMD, CMD-SHELL or NONE, not ${show(list[0] ?? "")}`);
    else if (list.length < 2) r.error([...base, "test"], `${list[0]} needs a command after it`);
    else test = list;
  }
  if (test === null) {
    // `disable: false` alone (as Immich's file has it) keeps the image's own healthcheck.
    if (t === undefined && Object.keys(value).every((k) => k === "disable" || k.startsWith("x-"))) return null;
    if (t === undefined) r.error(base, "test is required: Homeport does not change the timing of the image's own healthcheck; give the test too", "key");
    else if (typeof t === "string") r.error([...base, "test"], "the test command is empty");
    return null;
  }
  const retries = value.retries === undefined ? HEALTH_DEFAULTS.retries : parseInteger(value.retries);
  if (retries === null || retries < 1 || retries > 20) r.error([...base, "retries"], `${show(value.retries)}: retries is a whole number from 1 to 20`);
  const startInterval = seconds(value, "start_interval", 1, 3600, base, r);
  return {
    disabled: false,
    test,
    intervalSeconds: seconds(value, "interval", 1, 3600, base, r) ?? HEALTH_DEFAULTS.interval,
    timeoutSeconds: seconds(value, "timeout", 1, 600, base, r) ?? HEALTH_DEFAULTS.timeout,
    retries: retries ?? HEALTH_DEFAULTS.retries,
    startPeriodSeconds: seconds(value, "start_period", 0, 3600, base, r) ?? HEALTH_DEFAULTS.startPeriod,
    ...(startInterval === undefined ? {} : { startIntervalSeconds: startInterval }),
  };
}

export function normaliseRestart(value: unknown, path: KeyPath, r: Reporter): StackServiceDef["restart"] {
  if (value === undefined) return { policy: "no" };
  const s = String(value);
  if (s === "no" || s === "always" || s === "unless-stopped" || s === "on-failure") return { policy: s };
  const m = /^on-failure:(\d{1,4})$/.exec(s);
  if (m) return { policy: "on-failure", maxRetries: Number(m[1]) };
  r.error(path, `${show(value)} is not a restart policy (no, always, unless-stopped, on-failure[:N])`);
  return { policy: "no" };
}

const NETWORK_ENTRY_KEYS = new Set(["aliases"]);

/** The networks a service joins, each with the path that names it (checked against declarations later). */
export function normaliseServiceNetworks(value: unknown, base: KeyPath, r: Reporter): { ref: ComposeNetworkRef; path: KeyPath }[] {
  if (value === undefined) return [{ ref: { name: "default", aliases: [] }, path: base }];
  if (Array.isArray(value)) return value.map((n, i) => ({ ref: { name: String(n), aliases: [] }, path: [...base, i] }));
  return allEntries(value).map(([name, v]) => {
    const path = [...base, name];
    const aliases: string[] = [];
    for (const [k, val] of entries(v)) {
      if (!NETWORK_ENTRY_KEYS.has(k)) {
        r.error([...path, k], `${k} is not supported (a service's network entry takes aliases)`, "key");
        continue;
      }
      (Array.isArray(val) ? val : []).forEach((a, i) => {
        if (ALIAS.test(String(a))) aliases.push(String(a));
        else r.error([...path, "aliases", i], `${show(a)} is not a network alias (letters, digits, ".", "_" and "-")`);
      });
    }
    return { ref: { name, aliases }, path };
  });
}

