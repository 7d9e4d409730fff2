// Checking a Compose file without saving it: its problems with key and line, the services it
// would run (with their dependencies and published ports), and the variables it uses.
import { parseEnvFile, referencedVariables } from "./compose";
import { loadStack } from "./load";
import type { StackValidation } from "./schemas";

export function validateStackFile(input: { name: string; compose: string; env: string }): StackValidation {
  const r = loadStack(input);
  if (!r.ok) {
    // The variables are listed even when the file has problems: an unset one is often the problem.
    const env = parseEnvFile(input.env);
    const set = env.ok ? env.env : {};
    return { ok: false, errors: r.errors, warnings: [], services: [], variables: referencedVariables(input.compose).map((name) => ({ name, set: Object.hasOwn(set, name) })) };
  }
  return {
    ok: true,
    errors: [],
    warnings: r.warnings,
    services: r.services.map((s) => ({
      key: s.key,
      name: s.name,
      image: s.image,
      dependsOn: s.dependsOn.map((d) => d.service),
      ports: s.ports.map((p) => (p.host !== undefined ? `${p.hostIp}:${p.host}→${p.container}/${p.protocol}` : `${p.container}/${p.protocol}`)),
    })),
    variables: r.variables,
  };
}
