// Applies prisma/migrations/*/migration.sql at start-up, each in its own transaction, recorded in
// Prisma's `_prisma_migrations` table (same columns and checksums, so `prisma migrate status`
// agrees). A crash mid-migration rolls that migration back; the next start applies it again.
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const DEFAULT_MIGRATIONS_DIR = resolve(process.cwd(), "prisma/migrations");

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationChecksumError extends Error {}

/** Opens the SQLite file with the pragmas Homeport relies on (WAL, foreign keys). */
export function openDatabaseFile(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  return db;
}

export function migrateDatabase(file: string, migrationsDir = DEFAULT_MIGRATIONS_DIR): MigrationResult {
  const db = openDatabaseFile(file);
  try {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const done = new Map<string, string>(
      (db
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all() as { migration_name: string; checksum: string }[]).map((r) => [r.migration_name, r.checksum]),
    );
    const names = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(migrationsDir, d.name, "migration.sql")))
      .map((d) => d.name)
      .sort();
    const applied: string[] = [];
    for (const name of names) {
      const sql = readFileSync(join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new MigrationChecksumError(`migration ${name} was modified after it was applied`);
        }
        continue;
      }
      // SQLite ignores PRAGMA foreign_keys inside a transaction, so a migration's own
      // "foreign_keys=OFF" would not hold: rebuilding a table (CREATE new_X, copy, DROP X, rename)
      // would then CASCADE or SET NULL every row that refers to X. Keys are off for the migration and
      // checked before it commits instead.
      db.pragma("foreign_keys = OFF");
      try {
        db.transaction(() => {
          db.exec(sql);
          const dangling = db.pragma("foreign_key_check") as { table: string; parent: string }[];
          if (dangling.length > 0) {
            const first = dangling[0]!;
            throw new Error(`migration ${name} leaves ${dangling.length} foreign key violation(s), e.g. ${first.table} → ${first.parent}`);
          }
          db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
          ).run(randomUUID(), checksum, name);
        })();
      } finally {
        db.pragma("foreign_keys = ON");
      }
      applied.push(name);
    }
    return { applied, alreadyApplied: names.length - applied.length };
  } finally {
    db.close();
  }
}
