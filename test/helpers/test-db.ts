// A throwaway Homeport database for tests: a temp data dir, migrations applied by the real
// start-up migrator, and a Prisma client installed as the process-wide one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetConfigForTesting } from "@/lib/config";
import { createPrismaClient, setDbForTesting, type Db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { SETTING_KEYS } from "@/lib/settings/schemas";

export interface TestDb {
  /** The temp data directory (HOMEPORT_DATA_DIR). */
  dir: string;
  /** The SQLite file. */
  file: string;
  url: string;
  db: Db;
  /** Disconnects, uninstalls the client and removes the directory. */
  cleanup(): Promise<void>;
}

/** Creates an empty data dir under os.tmpdir(), for tests that need no database. */
export function makeTempDir(prefix = "homeport-test-"): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Test-bed settings: the egress proof aims at the container's own loopback and a name under the
 * reserved .invalid, so an offline service deployed by any test never sends its proof toward the
 * defaults (public resolvers). Tests of the proof itself set servers in namespaces they create.
 */
export const TEST_EGRESS_PROOF = { targets: ["127.0.0.1:9"], names: ["egress-proof.invalid"] };

async function seedTestSettings(db: Db): Promise<void> {
  for (const [name, value] of [["egressProofTargets", TEST_EGRESS_PROOF.targets], ["egressProofNames", TEST_EGRESS_PROOF.names]] as const) {
    const key = SETTING_KEYS[name].key;
    await db.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: { value: JSON.stringify(value) } });
  }
}

/** Points the config at a fresh temp dir and database, migrated and installed for getDb(). */
export async function createTestDb(): Promise<TestDb> {
  const { dir, cleanup: removeDir } = makeTempDir();
  const file = join(dir, "homeport.db");
  const url = `file:${file}`;
  process.env.HOMEPORT_DATA_DIR = dir;
  process.env.DATABASE_URL = url;
  process.env.HOMEPORT_LOG_SILENT = "1";
  resetConfigForTesting();
  migrateDatabase(file);
  const db = createPrismaClient(url);
  await setDbForTesting(db);
  await seedTestSettings(db);
  return {
    dir,
    file,
    url,
    db,
    async cleanup() {
      await setDbForTesting(undefined);
      await db.$disconnect();
      removeDir();
      resetConfigForTesting();
    },
  };
}

export interface TestDbWithUser extends TestDb {
  /** The id of the one user, "alice" (an admin). */
  userId: string;
}

/** createTestDb with one admin user, "alice", for tests of sessions, API tokens and authentication. */
export async function createTestDbWithUser(): Promise<TestDbWithUser> {
  const t = await createTestDb();
  const user = await t.db.user.create({ data: { username: "alice", passwordHash: "x", role: "admin" } });
  return { ...t, userId: user.id };
}
