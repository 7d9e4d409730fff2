// Checks that a request was refused cleanly: a 4xx with a JSON `{ error: { code, message } }`
// body and no stack trace, and not one row of the database changed. Also finds the API's write
// endpoints on disk, so that a new endpoint cannot escape the bad-input tests.
import { expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import Database from "better-sqlite3";
import { errorOf, type CallResult } from "./api";

/** Columns that reads may legitimately touch (last use of a session or token). */
const VOLATILE: Record<string, string[]> = { Session: ["lastSeenAt", "expiresAt"], ApiToken: ["lastUsedAt"] };

/** Reads every row of every table of a SQLite file through its own read-only connection. */
export class DbSnapshots {
  private readonly sqlite: Database.Database;

  constructor(file: string) {
    this.sqlite = new Database(file, { readonly: true });
  }

  /** Every row of every table, as JSON, without the volatile columns. */
  take(): string {
    const tables = (this.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const out: Record<string, unknown[]> = {};
    for (const name of tables) {
      const rows = this.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[];
      out[name] = rows.map((r) => {
        const copy = { ...r };
        for (const c of VOLATILE[name] ?? []) delete copy[c];
        return copy;
      });
    }
    return JSON.stringify(out, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  }

  close(): void {
    this.sqlite.close();
  }

  /**
   * Sends, then checks: one of the `expected` 4xx statuses, a JSON error body without a stack,
   * and an unchanged database. With `warmUp`, the request is sent once beforehand, so that
   * one-time lazy initialisation (a settings row created with its defaults on first use) is not
   * mistaken for a change; anything a refused request writes every time is still caught.
   */
  async expectRefused(send: () => Promise<CallResult>, expected: number | number[], opts: { message?: RegExp; warmUp?: boolean } = {}): Promise<void> {
    if (opts.warmUp) await send();
    const before = this.take();
    const r = await send();
    const statuses = Array.isArray(expected) ? expected : [expected];
    expect(statuses, `got ${r.status}: ${r.text.slice(0, 300)}`).toContain(r.status);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    const e = errorOf(r);
    if (opts.message) expect(e.message).toMatch(opts.message);
    const after = this.take();
    // Compared parsed, so that a failure shows which rows changed.
    if (after !== before) expect(JSON.parse(after)).toEqual(JSON.parse(before));
  }
}

/** An exported POST/PUT/PATCH/DELETE of a route file under app/api. */
export interface WriteEndpoint {
  /** `METHOD /api/...` with `[param]` segments. */
  name: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  urlPath: string;
  file: string;
  params: string[];
  /** The method's own source parses a JSON body. */
  readsBody: boolean;
}

function discover(dir: string, appDir: string): WriteEndpoint[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return discover(full, appDir);
    if (d.name !== "route.ts") return [];
    const urlPath = `/${relative(appDir, dir).split(sep).join("/")}`;
    const params = [...urlPath.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
    const src = readFileSync(full, "utf8");
    const exports = [...src.matchAll(/export (?:const|async function|function) (POST|PUT|PATCH|DELETE)\b/g)];
    return exports.map((m, i) => {
      const segment = src.slice(m.index, exports[i + 1]?.index ?? src.length);
      const method = m[1] as WriteEndpoint["method"];
      return { name: `${method} ${urlPath}`, method, urlPath, file: full, params, readsBody: /\b(parseBody|readJsonBody)\(/.test(segment) };
    });
  });
}

/** Every write endpoint under app/api/v1 and app/api/auth, sorted by name. */
export function discoverWriteEndpoints(root = process.cwd()): WriteEndpoint[] {
  const appDir = join(root, "app");
  return [...discover(join(appDir, "api", "v1"), appDir), ...discover(join(appDir, "api", "auth"), appDir)].sort((a, b) => a.name.localeCompare(b.name));
}
