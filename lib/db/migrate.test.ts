import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendFileSync, cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { makeTempDir } from "@/test/helpers/test-db";
import { DEFAULT_MIGRATIONS_DIR, MigrationChecksumError, migrateDatabase } from "./migrate";

const shipped = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let migrations: string;
beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, "nested", "homeport.db");
  migrations = join(temp.dir, "migrations");
  cpSync(DEFAULT_MIGRATIONS_DIR, migrations, { recursive: true });
});
afterEach(() => temp.cleanup());

function query<T>(sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe("migrateDatabase", () => {
  it("applies every migration to an empty database (creating its folder)", () => {
    expect(shipped.length).toBeGreaterThan(0);
    const r = migrateDatabase(file, migrations);
    expect(r).toEqual({ applied: shipped, alreadyApplied: 0 });
    const tables = query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["_prisma_migrations", "User", "Session", "ApiToken", "Service", "Route", "Host", "AuditEvent", "LoginThrottle"]));
    const rows = query<{ migration_name: string; finished_at: string | null; checksum: string }>(`SELECT * FROM _prisma_migrations ORDER BY migration_name`);
    expect(rows.map((m) => m.migration_name)).toEqual(shipped);
    for (const m of rows) {
      expect(m.finished_at).not.toBeNull();
      expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("applies nothing on a second run", () => {
    migrateDatabase(file, migrations);
    expect(migrateDatabase(file, migrations)).toEqual({ applied: [], alreadyApplied: shipped.length });
    expect(query(`SELECT * FROM _prisma_migrations`)).toHaveLength(shipped.length);
  });

  it("applies only a migration added later", () => {
    migrateDatabase(file, migrations);
    const name = "99990101000000_add_note";
    mkdirSync(join(migrations, name));
    writeFileSync(join(migrations, name, "migration.sql"), `CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);\n`);
    expect(migrateDatabase(file, migrations)).toEqual({ applied: [name], alreadyApplied: shipped.length });
    expect(query(`SELECT name FROM sqlite_master WHERE name = 'Note'`)).toHaveLength(1);
  });

  it("refuses to start when an applied migration was modified", () => {
    migrateDatabase(file, migrations);
    appendFileSync(join(migrations, shipped[0]!, "migration.sql"), "\n-- edited\n");
    expect(() => migrateDatabase(file, migrations)).toThrow(MigrationChecksumError);
    expect(() => migrateDatabase(file, migrations)).toThrow(new RegExp(`${shipped[0]} was modified`));
  });

  it("rolls a failing migration back entirely and records nothing", () => {
    migrateDatabase(file, migrations);
    const name = "99990101000000_broken";
    mkdirSync(join(migrations, name));
    writeFileSync(join(migrations, name, "migration.sql"), `CREATE TABLE "Half" ("id" TEXT);\nTHIS IS NOT SQL;\n`);
    expect(() => migrateDatabase(file, migrations)).toThrow();
    expect(query(`SELECT name FROM sqlite_master WHERE name = 'Half'`)).toHaveLength(0);
    expect(query(`SELECT * FROM _prisma_migrations WHERE migration_name = '${name}'`)).toHaveLength(0);
  });

  it("keeps rows that refer to a table a migration redefines (no cascade, no SET NULL)", () => {
    // Upgrading a lab must not unplace its services: the trust migration rebuilds "Host", which
    // Service, ContainerState and Deployment refer to with SET NULL and CASCADE.
    const before = join(temp.dir, "before");
    mkdirSync(before);
    const redefining = shipped.find((n) => n.endsWith("_trust"))!;
    for (const n of shipped.filter((m) => m < redefining)) cpSync(join(migrations, n), join(before, n), { recursive: true });
    migrateDatabase(file, before);
    const db = new Database(file);
    db.exec(`INSERT INTO "Host" (id, name, updatedAt) VALUES ('h1', 'nas', CURRENT_TIMESTAMP);
      INSERT INTO "Service" (id, name, image, hostId, updatedAt) VALUES ('s1', 'web', 'busybox', 'h1', CURRENT_TIMESTAMP);
      INSERT INTO "ContainerState" (id, hostId, containerId, name, image, state, status) VALUES ('c1', 'h1', 'abc', 'web', 'busybox', 'running', 'Up');`);
    db.close();
    const r = migrateDatabase(file, migrations);
    expect(r.applied).toContain(redefining);
    expect(query<{ hostId: string | null }>(`SELECT hostId FROM "Service" WHERE id = 's1'`)).toEqual([{ hostId: "h1" }]);
    expect(query(`SELECT id FROM "ContainerState"`)).toHaveLength(1);
    expect(query<{ bindRoots: string }>(`SELECT bindRoots FROM "Host"`)).toEqual([{ bindRoots: "[]" }]);
  });

  it("refuses a migration that leaves a dangling reference, and keeps the database as it was", () => {
    migrateDatabase(file, migrations);
    const db = new Database(file);
    db.exec(`INSERT INTO "Host" (id, name, updatedAt) VALUES ('h1', 'nas', CURRENT_TIMESTAMP);
      INSERT INTO "Service" (id, name, image, hostId, updatedAt) VALUES ('s1', 'web', 'busybox', 'h1', CURRENT_TIMESTAMP);`);
    db.close();
    const name = "99990101000000_dangling";
    mkdirSync(join(migrations, name));
    writeFileSync(join(migrations, name, "migration.sql"), `PRAGMA foreign_keys=OFF;\nDELETE FROM "Host";\nPRAGMA foreign_keys=ON;\n`);
    expect(() => migrateDatabase(file, migrations)).toThrow(/foreign key/i);
    expect(query(`SELECT id FROM "Host"`)).toHaveLength(1);
    expect(query(`SELECT * FROM _prisma_migrations WHERE migration_name = '${name}'`)).toHaveLength(0);
  });

  it("leaves the database in WAL mode", () => {
    migrateDatabase(file, migrations);
    const db = new Database(file);
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
  });
});
