// The one Prisma client of the process, shared between server.ts and Next's bundles through
// globalThis (they load separate module instances).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseFileFromUrl } from "./url";
import { getConfig } from "@/lib/config";

const SQLITE_BUSY_TIMEOUT_MS = 5000;

type GlobalWithDb = typeof globalThis & { __homeportPrisma?: PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const adapter = new PrismaBetterSQLite3({
    url: databaseFileFromUrl(databaseUrl),
    timeout: SQLITE_BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  const g = globalThis as GlobalWithDb;
  if (!g.__homeportPrisma) {
    g.__homeportPrisma = createPrismaClient(getConfig().databaseUrl);
  }
  return g.__homeportPrisma;
}

/** Replaces the process-wide client (tests point it at their own database file). */
export async function setDbForTesting(client: PrismaClient | undefined): Promise<void> {
  const g = globalThis as GlobalWithDb;
  if (g.__homeportPrisma && g.__homeportPrisma !== client) await g.__homeportPrisma.$disconnect();
  g.__homeportPrisma = client;
}

export type Db = PrismaClient;
