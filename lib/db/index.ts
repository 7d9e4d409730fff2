// Database access for the rest of lib/: the shared client and the start-up migrator.
export { getDb, createPrismaClient, setDbForTesting, type Db } from "./client";
export { migrateDatabase, openDatabaseFile, MigrationChecksumError } from "./migrate";
export { databaseFileFromUrl } from "./url";
export type { Prisma } from "@/lib/generated/prisma/client";
