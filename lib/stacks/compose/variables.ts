// The variables a Compose file reads (for the stack page: which .env values it needs), found in its
// scalar values through the interpolation parser; a plain text scan when the YAML does not parse.
import { variablesIn } from "./interpolate";
import { loadYaml } from "./yaml-source";

const NAME_IN_TEXT = /\$(?:\{([_A-Za-z][_A-Za-z0-9]*)|([_A-Za-z][_A-Za-z0-9]*))/g;

function collect(value: unknown, names: Set<string>): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("$")) for (const n of variablesIn(v) ?? []) names.add(n);
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === "object") stack.push(...Object.values(v));
  }
}

/** Names of the variables the file uses, sorted (keys are never interpolated; `$$` is not a variable). */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  try {
    const loaded = loadYaml(text);
    if (loaded.ok) collect(loaded.value, names);
    else for (const m of text.replace(/\$\$/g, "").matchAll(NAME_IN_TEXT)) names.add((m[1] ?? m[2])!);
  } catch {
    // Unreadable text: no variables to offer.
  }
  return [...names].sort();
}
