// Errors and warnings of the Compose importer: a key path, the line and column, a message; capped.
import { z } from "zod";

export const MAX_COMPOSE_ERRORS = 50;

export const ComposeIssueSchema = z.object({
  /** The key path, e.g. `services.web.ports[1]` (empty for the whole file). */
  path: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type ComposeIssue = z.infer<typeof ComposeIssueSchema>;

/** A path into the parsed document: map keys and list indexes. */
export type KeyPath = readonly (string | number)[];

/** `services.web.ports[1]`. */
export function formatPath(path: KeyPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** `services.web.ports[1]: "80800:80" is not a port (line 12, column 9)`. */
export function formatComposeIssue(issue: ComposeIssue): string {
  const where = issue.line === null ? "" : ` (line ${issue.line}${issue.column === null ? "" : `, column ${issue.column}`})`;
  return `${issue.path ? `${issue.path}: ` : ""}${issue.message}${where}`;
}

/** Quotes a value for a message, shortened. */
export function show(value: unknown): string {
  const s = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

export type Locate = (path: KeyPath, at?: "key" | "value") => { line: number; column: number } | null;

/** Collects issues against paths, placing each at its line; keeps at most MAX_COMPOSE_ERRORS. */
export class IssueList {
  readonly items: ComposeIssue[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly locate: Locate) {}

  add(path: KeyPath, message: string, at: "key" | "value" = "value"): void {
    if (this.items.length >= MAX_COMPOSE_ERRORS) return;
    const p = formatPath(path);
    const dedupe = `${p}\u0000${message}`;
    if (this.seen.has(dedupe)) return;
    this.seen.add(dedupe);
    const pos = this.locate(path, at);
    this.items.push({ path: p, line: pos?.line ?? null, column: pos?.column ?? null, message });
  }

  get full(): boolean {
    return this.items.length >= MAX_COMPOSE_ERRORS;
  }

  get length(): number {
    return this.items.length;
  }
}
