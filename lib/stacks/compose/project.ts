// The whole Compose project: top-level keys, declared volumes and networks, every service, and the
// checks across services (declared volumes and networks, dependencies and cycles, host port clashes).
import { allEntries, entries, isRecord, scalarString, setKey, type NormaliseContext } from "./context";
import { checkDependencies } from "./depends-on";
import { show, type KeyPath } from "./issues";
import { portsClash } from "./ports";
import type { ComposeProject } from "./schemas";
import { normaliseService, type NormalisedService } from "./service";
import { parseBool } from "./units";

export const MAX_SERVICES = 100;
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const NETWORK_NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

const TOP_LEVEL_REFUSED: Record<string, string> = {
  include: "include is not supported: paste the included services into this file",
  secrets: "Compose secrets are not supported: put the value in the stack's .env (Homeport keeps it sealed) and pass it in environment",
  configs: "Compose configs are not supported: bind-mount the file from a folder the host allows, or use environment variables",
  models: "Compose models are not supported",
};

function labelsOf(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((l) => String(l)).map((l) => (l.includes("=") ? [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] : [l, ""])));
  }
  return Object.fromEntries(allEntries(value).map(([k, v]) => [k, scalarString(v) ?? ""]));
}

function declaredVolumes(value: unknown, ctx: NormaliseContext): ComposeProject["volumes"] {
  const out: ComposeProject["volumes"] = {};
  for (const [name, v] of allEntries(value)) {
    const path: KeyPath = ["volumes", name];
    if (!VOLUME_NAME.test(name)) ctx.error(path, `${show(name)}: a volume name starts with a letter or digit`, "key");
    for (const [k, val] of entries(v)) {
      if (k === "labels" || (k === "driver" && val === "local") || (k === "external" && parseBool(val) === false)) continue;
      const why = k === "external" ? "external volumes are not supported: a stack's named volumes are its own"
        : k === "name" ? "a custom volume name is not supported: Homeport names a stack's volumes after the stack"
        : k === "driver" || k === "driver_opts" ? "only the local driver without options is supported (bind-mount a folder the host allows instead)"
        : `${k} is not supported`;
      ctx.error([...path, k], why, "key");
    }
    setKey(out, name, { labels: labelsOf(isRecord(v) ? v.labels : undefined) });
  }
  return out;
}

function declaredNetworks(value: unknown, ctx: NormaliseContext): ComposeProject["networks"] {
  const out: ComposeProject["networks"] = {};
  for (const [name, v] of allEntries(value)) {
    const path: KeyPath = ["networks", name];
    if (!NETWORK_NAME.test(name)) ctx.error(path, `${show(name)}: a network name is lower-case letters, digits, ".", "_" and "-"`, "key");
    let internal = false;
    for (const [k, val] of entries(v)) {
      if (k === "labels" || (k === "driver" && val === "bridge") || (k === "external" && parseBool(val) === false)) continue;
      if (k === "internal") {
        const b = parseBool(val);
        if (b === null) ctx.error([...path, k], `${show(val)} is not true or false`);
        else internal = b;
        continue;
      }
      const why = k === "external" ? "external networks are not supported: a stack's networks are its own; reach other stacks through routes"
        : k === "name" ? "a custom network name is not supported: Homeport names a stack's networks after the stack"
        : k === "driver" ? "only the bridge driver is supported"
        : `${k} is not supported`;
      ctx.error([...path, k], why, "key");
    }
    setKey(out, name, { internal, labels: labelsOf(isRecord(v) ? v.labels : undefined) });
  }
  return out;
}

/** The normalised project, or null once an error was reported (the context holds them). */
export function normaliseProject(doc: Record<string, unknown>, ctx: NormaliseContext & { errorCount(): number }): ComposeProject | null {
  for (const key of Object.keys(doc)) {
    if (TOP_LEVEL_REFUSED[key]) ctx.error([key], TOP_LEVEL_REFUSED[key]!, "key");
  }
  if (doc.version !== undefined) ctx.warn(["version"], "version is obsolete in Compose and ignored", "key");
  if (doc.name !== undefined && doc.name !== ctx.stackName) ctx.warn(["name"], `ignored: the stack's name is ${ctx.stackName}`, "key");
  const services = allEntries(doc.services);
  if (services.length === 0) ctx.error(["services"], "a stack needs at least one service", "key");
  if (services.length > MAX_SERVICES) {
    ctx.error(["services"], `${services.length} services; a stack has at most ${MAX_SERVICES}`, "key");
    return null;
  }
  const volumes = declaredVolumes(doc.volumes, ctx);
  const networks = declaredNetworks(doc.networks, ctx);
  const normalised = new Map<string, NormalisedService>();
  for (const [name, svc] of services) {
    normalised.set(name, normaliseService(name, isRecord(svc) ? svc : {}, ctx));
  }
  for (const n of normalised.values()) {
    for (const { mount, path } of n.mounts) {
      if (mount.type === "volume" && !Object.hasOwn(volumes, mount.source)) {
        ctx.error(path, `the named volume ${JSON.stringify(mount.source)} is not declared under the top-level volumes`);
      }
    }
    for (const { ref, path } of n.networks) {
      if (ref.name === "default" && !Object.hasOwn(networks, "default")) {
        setKey(networks, "default", { internal: false, labels: {} });
      } else if (!Object.hasOwn(networks, ref.name)) {
        ctx.error(path, `the network ${JSON.stringify(ref.name)} is not declared under the top-level networks`);
      }
    }
  }
  const deps = new Map(services.map(([name]) => [name, normalised.get(name)?.deps.map((d) => ({ service: d.dep.service, path: d.path })) ?? []]));
  const order = checkDependencies(deps, ctx);
  for (const n of normalised.values()) {
    for (const { dep, path } of n.deps) {
      const target = normalised.get(dep.service)?.def;
      if (dep.condition !== "service_healthy" || !target) continue;
      if (target.healthcheck?.disabled) ctx.error(path, `waits for ${dep.service} to be healthy, but its healthcheck is disabled`);
      else if (!target.healthcheck) ctx.warn(path, `waits for ${dep.service} to be healthy; it has no healthcheck in this file, so its image must define one`);
    }
  }
  const published = [...normalised].flatMap(([name, n]) => (n.def?.ports ?? []).map((p) => ({ name, p })));
  published.forEach((a, i) => {
    const clash = published.slice(0, i).find((b) => portsClash(a.p, b.p));
    if (clash) ctx.error(["services", a.name, "ports"], `host port ${a.p.host}/${a.p.protocol} is already published by ${clash.name === a.name ? "this service" : clash.name}`, "key");
  });
  if (ctx.errorCount() > 0) return null;
  return {
    name: ctx.stackName,
    services: Object.fromEntries([...normalised].flatMap(([name, n]) => (n.def ? [[name, n.def]] : []))),
    volumes,
    networks,
    order,
  };
}
