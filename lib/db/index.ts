// Database access for the rest of lib/: the shared client. The start-up migrator is lib/db/migrate.ts,
// imported directly by server.ts and tests so that it stays out of the Next.js bundles.
export { getDb, createPrismaClient, setDbForTesting, type Db } from "./client";
export { databaseFileFromUrl } from "./url";
export type { Prisma } from "@/lib/generated/prisma/client";
