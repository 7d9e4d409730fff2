// Prisma CLI configuration: the JavaScript schema engine through the better-sqlite3 adapter,
// so `prisma migrate diff` and `generate` work with no engine download (see shared ENV-NOTES).
// The shadow database gets one patch: the engine replays whole migration.sql files through
// executeRaw, which better-sqlite3 refuses ("more than one statement"); those fall back to
// executeScript.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFileFromUrl } from "./lib/db/url";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

const url = process.env.DATABASE_URL ?? "file:./data/homeport.db";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

function withScriptFallback(adapter: Adapter): Adapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (err) {
      if (query.args.length > 0 || !("executeScript" in adapter)) throw err;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

class MigratingSQLite3 extends PrismaBetterSQLite3 {
  override async connectToShadowDb(): Promise<Adapter> {
    return withScriptFallback(await super.connectToShadowDb());
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => {
    const file = databaseFileFromUrl(url);
    mkdirSync(dirname(file), { recursive: true });
    return new MigratingSQLite3({ url: file });
  },
});
