// What each normalising step is handed: the stack's variables and where to report errors and warnings.
import type { Env } from "./interpolate";
import type { KeyPath } from "./issues";

export interface Reporter {
  error(path: KeyPath, message: string, at?: "key" | "value"): void;
  warn(path: KeyPath, message: string, at?: "key" | "value"): void;
}

export interface NormaliseContext extends Reporter {
  env: Env;
  stackName: string;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Entries of a map the Compose schema defines, without its extensions (`x-*`, ignored). */
export const entries = (v: unknown): [string, unknown][] => (isRecord(v) ? Object.entries(v).filter(([k]) => !k.startsWith("x-")) : []);

/** Every entry of a map of the user's own keys (labels, options, names), `x-` ones included. */
export const allEntries = (v: unknown): [string, unknown][] => (isRecord(v) ? Object.entries(v) : []);

/** A scalar as Compose turns it into a string (environment values, labels, options). */
export function scalarString(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/** Sets a key on a record built from file content (a key named __proto__ stays a key). */
export function setKey<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
