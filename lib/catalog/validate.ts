// Checking a template as a whole: its compose.yaml must load as a stack (the stacks' own validator)
// with the defaults, for each egress and with and without GPUs; every variable it uses must be
// declared; defaults must fit their types; route, checks and backup must name real services, ports
// and volumes. Returns the problems in words (empty when the template is sound).
import { loadStack, validateStackFile } from "@/lib/stacks";
import { checkValue, renderInstall, type InstallValue } from "./render";
import type { Template, TemplateVariable } from "./schemas";

/** A value of the right type for a variable that has no default (validation only). */
function sampleValue(v: TemplateVariable): InstallValue {
  switch (v.type) {
    case "port": return 8080;
    case "number": return 1;
    case "boolean": return false;
    case "enum": return v.options![0]!;
    case "path": return "/srv/example";
    case "password": return "example-password";
    default: return "example";
  }
}

/** Values for validation: the defaults, and samples where a variable has none. */
export function sampleValues(t: Template): Record<string, InstallValue> {
  return Object.fromEntries(t.variables.filter((v) => v.default === undefined && !v.generate).map((v) => [v.name, sampleValue(v)]));
}

const MAX_PROBLEMS = 20;

export function validateTemplate(t: Template, compose: string): string[] {
  const problems: string[] = [];
  for (const v of t.variables) {
    if (v.default === undefined) continue;
    const r = checkValue(v, typeof v.default === "string" ? v.default : String(v.default));
    if (!r.ok) problems.push(`variable ${v.name}: the default ${JSON.stringify(v.default)} is not ${r.message}`);
  }
  const variants = [
    { egress: t.egress, gpus: false },
    { egress: t.egress === "open" ? "offline" as const : "open" as const, gpus: false },
    ...(t.gpu === "optional" ? [{ egress: t.egress, gpus: true }] : []),
  ];
  for (const variant of variants) {
    const r = renderInstall(t, compose, { values: sampleValues(t), ...variant }, { placeholders: true });
    for (const i of r.issues) problems.push(`${i.path}: ${i.message}`);
    const v = validateStackFile({ name: t.id, compose: r.compose, env: r.env });
    const label = `${variant.egress}${variant.gpus ? ", with GPUs" : ""}`;
    for (const e of v.errors) problems.push(`compose.yaml (egress ${label})${e.line ? ` line ${e.line}` : ""}: ${e.path ? `${e.path}: ` : ""}${e.message}`);
    if (!v.ok) break;
    if (variant === variants[0]) {
      const declared = new Set(t.variables.map((x) => x.name));
      for (const u of v.variables) if (!declared.has(u.name)) problems.push(`compose.yaml uses \${${u.name}}, which template.yaml does not declare under variables`);
      problems.push(...referenceProblems(t, r.compose, r.env));
    }
  }
  return [...new Set(problems)].slice(0, MAX_PROBLEMS);
}

/** Route, checks and backup against the services, ports and volumes the file really has. */
function referenceProblems(t: Template, compose: string, env: string): string[] {
  const loaded = loadStack({ name: t.id, compose, env });
  if (!loaded.ok) return [];
  const out: string[] = [];
  const services = new Map(loaded.services.map((s) => [s.key, s]));
  const ports = (key: string) => services.get(key)?.ports ?? [];
  if (t.route) {
    if (!services.has(t.route.service)) out.push(`route: compose.yaml has no service "${t.route.service}"`);
    else if (!ports(t.route.service).some((p) => p.container === t.route!.port && p.host !== undefined)) {
      out.push(`route: service "${t.route.service}" does not publish container port ${t.route.port} (the route reaches it through its published port)`);
    }
  }
  for (const c of t.checks) {
    if (!services.has(c.service)) {
      out.push(`check "${c.name}": compose.yaml has no service "${c.service}"`);
      continue;
    }
    const published = ports(c.service).some((p) => p.container === c.port && p.host !== undefined);
    const routed = t.route?.service === c.service && t.route.port === c.port;
    if (!published && !routed) out.push(`check "${c.name}": service "${c.service}" neither publishes port ${c.port} nor is routed on it, so nothing could reach it`);
  }
  for (const g of t.gpuServices ?? []) if (!services.has(g)) out.push(`gpuServices: compose.yaml has no service "${g}"`);
  const volumes = new Set(Object.keys(loaded.project.volumes));
  for (const b of t.backup) if (!volumes.has(b.volume)) out.push(`backup: "${b.volume}" is not a named volume of compose.yaml`);
  return out;
}
