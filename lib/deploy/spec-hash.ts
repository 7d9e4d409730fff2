// Deterministic hash of a service spec: canonical JSON (keys sorted, defaults applied by the
// schema) → SHA-256. Same spec, same hash, on any machine; the agent stores it as a label.
import { createHash } from "node:crypto";
import { ServiceSpecSchema, type ServiceSpec } from "@/lib/protocol";

export const SPEC_HASH_LENGTH = 16;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function specHash(spec: ServiceSpec): string {
  const normalized = ServiceSpecSchema.parse(spec);
  return createHash("sha256").update(JSON.stringify(canonical(normalized))).digest("hex").slice(0, SPEC_HASH_LENGTH);
}
