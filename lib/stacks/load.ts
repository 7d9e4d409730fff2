// From a stack's text to what it wants running: the .env parsed, the Compose file parsed and
// checked (lib/stacks/compose), and each Compose service mapped to a DesiredService in the
// inventory's shapes: `<stack>-<service>` names, `<stack>_<volume>` named volumes, the stack's own
// networks (`<stack>_<network>`, the service's key as its alias), egress offline when every network
// it joins is internal. Each mapped service passes the same schema as a service made by hand.
import { ServiceCreateSchema } from "@/lib/inventory/schemas";
import { parseCompose, parseEnvFile, referencedVariables, type ComposeIssue, type ComposeProject, type StackServiceDef } from "./compose";
import type { DesiredService } from "./desired";

export type LoadedStack = { ok: true; services: DesiredService[]; warnings: ComposeIssue[]; project: ComposeProject; variables: { name: string; set: boolean }[] };
export type LoadResult = LoadedStack | { ok: false; errors: ComposeIssue[] };

const issue = (path: string, message: string, line: number | null = null): ComposeIssue => ({ path, line, column: null, message });

/** `<stack>-<key>`, as a DNS label (Compose keys may hold `_` and `.`). */
export function serviceName(stack: string, key: string): string {
  return `${stack}-${key.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "")}`;
}

export const volumeName = (stack: string, volume: string) => `${stack}_${volume}`;
export const networkName = (stack: string, network: string) => `${stack}_${network.toLowerCase()}`;

function desired(stack: string, key: string, def: StackServiceDef, project: ComposeProject): DesiredService {
  const networks = def.networks.map((n) => ({
    name: networkName(stack, n.name),
    aliases: [...new Set([key, ...n.aliases])],
    internal: project.networks[n.name]?.internal ?? false,
  }));
  const hc = def.healthcheck && !def.healthcheck.disabled ? def.healthcheck : null;
  return {
    key,
    name: serviceName(stack, key),
    image: def.image,
    command: def.command,
    env: def.environment,
    ports: def.ports,
    volumes: def.volumes.map((v) => ({ source: v.type === "volume" ? volumeName(stack, v.source) : v.source, target: v.target, readOnly: v.readOnly })),
    healthcheck: hc
      ? { test: hc.test, intervalSeconds: hc.intervalSeconds, timeoutSeconds: hc.timeoutSeconds, retries: hc.retries, ...(hc.startPeriodSeconds > 0 && { startPeriodSeconds: hc.startPeriodSeconds }) }
      : null,
    restartPolicy: def.restart.policy,
    egress: networks.length > 0 && networks.every((n) => n.internal) ? "offline" : "open",
    runtime: def.runtime,
    networks,
    dependsOn: def.dependsOn.map((d) => ({ service: d.service, condition: d.condition, required: d.required })),
  };
}

export function loadStack(input: { name: string; compose: string; env: string }): LoadResult {
  const env = parseEnvFile(input.env);
  if (!env.ok) return { ok: false, errors: env.errors.map((e) => ({ ...e, path: e.path ? `.env:${e.path}` : ".env" })) };
  const parsed = parseCompose(input.compose, { env: env.env, stackName: input.name });
  if (!parsed.ok) return parsed;
  const errors: ComposeIssue[] = [];
  const services: DesiredService[] = [];
  const names = new Map<string, string>();
  for (const [key, def] of Object.entries(parsed.project.services)) {
    const d = desired(input.name, key, def, parsed.project);
    const clash = names.get(d.name);
    if (clash) errors.push(issue(`services.${key}`, `"${key}" and "${clash}" would both be named ${d.name}; rename one`));
    names.set(d.name, key);
    // The same checks as a service made by hand (name length, forbidden mounts, unique ports…).
    const { dependsOn: _d, key: _k, networks: _n, ...fields } = d;
    const r = ServiceCreateSchema.safeParse({ ...fields, hostId: null });
    if (!r.success) {
      for (const i of r.error.issues.slice(0, 10)) errors.push(issue(`services.${key}${i.path.length ? `.${i.path.join(".")}` : ""}`, i.path[0] === "name" ? `the service name ${d.name} is not valid (${i.message}); use a shorter stack or service name` : i.message));
    }
    services.push(d);
  }
  if (errors.length) return { ok: false, errors };
  const used = referencedVariables(input.compose);
  return { ok: true, services, warnings: parsed.warnings, project: parsed.project, variables: used.map((name) => ({ name, set: Object.hasOwn(env.env, name) })) };
}
