// Shared by the kill -9 tests: a small seeded generator (a failing run replays with
// HOMEPORT_KILL_SEED) and the database checks every restart must pass.
import Database from "better-sqlite3";
import { join } from "node:path";

/** mulberry32. */
export function seededRandom(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const killSeed = (): number => Number(process.env.HOMEPORT_KILL_SEED ?? Date.now() % 100_000);

/** SQLite's integrity check and the number of dangling foreign keys of the data dir's database. */
export function integrity(dataDir: string): { check: string; dangling: number } {
  const db = new Database(join(dataDir, "homeport.db"), { readonly: true, fileMustExist: true });
  try {
    return { check: db.pragma("integrity_check", { simple: true }) as string, dangling: (db.pragma("foreign_key_check") as unknown[]).length };
  } finally {
    db.close();
  }
}
